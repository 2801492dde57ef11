using System.Globalization;
using System.Text.Json;

namespace TraAM.Bot.Cards;

/// <summary>
/// The small subset of Adaptive Expressions our card templates use: paths (<c>a.b[0]</c>, <c>$root</c>, <c>$index</c>),
/// string/number/boolean/null literals, <c>! == != &lt; &lt;= &gt; &gt;= &amp;&amp; ||</c>, parentheses and the functions
/// <c>count</c>, <c>empty</c>, <c>exists</c>, <c>not</c>, <c>if</c>. Anything else is a template error at start-up,
/// so a template never silently means something else here than in the official engine.
/// </summary>
internal abstract record TemplateExpression
{
    public static TemplateExpression Parse(string text) => new Parser(text).ParseAll();

    /// <summary>Values: <see cref="JsonElement"/> (objects, arrays), string, double, bool or null (missing).</summary>
    public abstract object? Evaluate(TemplateScope scope);

    internal sealed record Literal(object? Value) : TemplateExpression
    {
        public override object? Evaluate(TemplateScope scope) => Value;
    }

    internal sealed record PathExpr(string Text, IReadOnlyList<object> Segments) : TemplateExpression
    {
        public override object? Evaluate(TemplateScope scope) => scope.Resolve(Segments);
    }

    internal sealed record Unary(string Op, TemplateExpression Operand) : TemplateExpression
    {
        public override object? Evaluate(TemplateScope scope) => !IsTrue(Operand.Evaluate(scope));
    }

    internal sealed record Binary(string Op, TemplateExpression Left, TemplateExpression Right) : TemplateExpression
    {
        public override object? Evaluate(TemplateScope scope)
        {
            switch (Op)
            {
                case "&&": return IsTrue(Left.Evaluate(scope)) && IsTrue(Right.Evaluate(scope));
                case "||": return IsTrue(Left.Evaluate(scope)) || IsTrue(Right.Evaluate(scope));
            }

            var l = Left.Evaluate(scope);
            var r = Right.Evaluate(scope);
            return Op switch
            {
                "==" => AreEqual(l, r),
                "!=" => !AreEqual(l, r),
                _ => Compare(Op, l, r),
            };
        }
    }

    internal sealed record Call(string Name, IReadOnlyList<TemplateExpression> Args) : TemplateExpression
    {
        public override object? Evaluate(TemplateScope scope)
        {
            var values = Args.Select(a => a.Evaluate(scope)).ToList();
            return Name switch
            {
                "count" => values[0] switch
                {
                    JsonElement { ValueKind: JsonValueKind.Array } a => (double)a.GetArrayLength(),
                    string s => (double)s.Length,
                    _ => throw new TemplateException("count() needs an array or a string"),
                },
                "empty" => values[0] switch
                {
                    null => true,
                    string s => s.Length == 0,
                    JsonElement { ValueKind: JsonValueKind.Array } a => a.GetArrayLength() == 0,
                    JsonElement { ValueKind: JsonValueKind.Object } o => !o.EnumerateObject().Any(),
                    _ => false,
                },
                "exists" => values[0] is not null,
                "not" => !IsTrue(values[0]),
                "if" => IsTrue(values[0]) ? values[1] : values[2],
                _ => throw new TemplateException($"unknown function {Name}"),
            };
        }
    }

    /// <summary>Adaptive Expressions' truthiness: only false and null are false.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        _ => true,
    };

    private static bool AreEqual(object? l, object? r) => (l, r) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (double a, double b) => a.Equals(b),
        (bool a, bool b) => a == b,
        _ => false,
    };

    private static bool Compare(string op, object? l, object? r)
    {
        if (l is not double a || r is not double b) throw new TemplateException($"'{op}' compares numbers only");
        return op switch { "<" => a < b, "<=" => a <= b, ">" => a > b, ">=" => a >= b, _ => throw new TemplateException($"unknown operator {op}") };
    }

    private sealed class Parser(string text)
    {
        private int _pos;

        public TemplateExpression ParseAll()
        {
            var e = ParseOr();
            SkipSpaces();
            if (_pos != text.Length) throw Error("unexpected text");
            return e;
        }

        private TemplateExpression ParseOr()
        {
            var left = ParseAnd();
            while (Accept("||")) left = new Binary("||", left, ParseAnd());
            return left;
        }

        private TemplateExpression ParseAnd()
        {
            var left = ParseComparison();
            while (Accept("&&")) left = new Binary("&&", left, ParseComparison());
            return left;
        }

        private TemplateExpression ParseComparison()
        {
            var left = ParseUnary();
            foreach (var op in new[] { "==", "!=", "<=", ">=", "<", ">" })
            {
                if (Accept(op)) return new Binary(op, left, ParseUnary());
            }

            return left;
        }

        private TemplateExpression ParseUnary()
        {
            SkipSpaces();
            if (Peek() == '!' && PeekAt(1) != '=')
            {
                _pos++;
                return new Unary("!", ParseUnary());
            }

            return ParsePrimary();
        }

        private TemplateExpression ParsePrimary()
        {
            SkipSpaces();
            var c = Peek();
            if (c == '(')
            {
                _pos++;
                var inner = ParseOr();
                Expect(')');
                return inner;
            }

            if (c is '\'' or '"') return new Literal(ParseString(c));
            if (char.IsDigit(c) || (c == '-' && char.IsDigit(PeekAt(1)))) return new Literal(ParseNumber());
            if (char.IsLetter(c) || c == '$' || c == '_') return ParseIdentifierOrCall();
            throw Error("expression expected");
        }

        private TemplateExpression ParseIdentifierOrCall()
        {
            var start = _pos;
            var name = ParseName();
            SkipSpaces();
            if (Peek() == '(')
            {
                _pos++;
                var args = new List<TemplateExpression>();
                SkipSpaces();
                if (Peek() != ')')
                {
                    do args.Add(ParseOr());
                    while (Accept(","));
                }

                Expect(')');
                var arity = name switch { "count" or "empty" or "exists" or "not" => 1, "if" => 3, _ => throw Error($"unsupported function {name}") };
                if (args.Count != arity) throw Error($"{name}() takes {arity} argument(s)");
                return new Call(name, args);
            }

            switch (name)
            {
                case "true": return new Literal(true);
                case "false": return new Literal(false);
                case "null": return new Literal(null);
            }

            var segments = new List<object> { name };
            while (true)
            {
                if (Peek() == '.')
                {
                    _pos++;
                    segments.Add(ParseName());
                }
                else if (Peek() == '[')
                {
                    _pos++;
                    SkipSpaces();
                    segments.Add(Peek() is '\'' or '"' ? ParseString(Peek()) : (object)(int)ParseNumber());
                    Expect(']');
                }
                else
                {
                    break;
                }
            }

            return new PathExpr(text[start.._pos], segments);
        }

        private string ParseName()
        {
            var start = _pos;
            if (Peek() == '$') _pos++;
            while (_pos < text.Length && (char.IsLetterOrDigit(text[_pos]) || text[_pos] == '_')) _pos++;
            if (_pos == start) throw Error("name expected");
            return text[start.._pos];
        }

        private string ParseString(char quote)
        {
            _pos++;
            var start = _pos;
            while (_pos < text.Length && text[_pos] != quote) _pos++;
            if (_pos >= text.Length) throw Error("unterminated string");
            var s = text[start.._pos];
            _pos++;
            return s;
        }

        private double ParseNumber()
        {
            var start = _pos;
            if (Peek() == '-') _pos++;
            while (_pos < text.Length && (char.IsDigit(text[_pos]) || text[_pos] == '.')) _pos++;
            return double.Parse(text.AsSpan(start, _pos - start), CultureInfo.InvariantCulture);
        }

        private bool Accept(string token)
        {
            SkipSpaces();
            if (string.CompareOrdinal(text, _pos, token, 0, token.Length) != 0) return false;
            _pos += token.Length;
            return true;
        }

        private void Expect(char c)
        {
            SkipSpaces();
            if (Peek() != c) throw Error($"'{c}' expected");
            _pos++;
        }

        private char Peek() => _pos < text.Length ? text[_pos] : '\0';
        private char PeekAt(int offset) => _pos + offset < text.Length ? text[_pos + offset] : '\0';

        private void SkipSpaces()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
        }

        private TemplateException Error(string message) => new($"{message} at {_pos} in '{text}'");
    }
}

public sealed class TemplateException(string message) : Exception(message);
