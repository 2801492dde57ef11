using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TraAM.Bot.Protocol.Authentication;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Protocol.Routing;

/// <summary>
/// <c>POST /api/messages</c>, in the order protocol.md §1.4 gives: size limit → parse → authenticate with the
/// activity's channelId and serviceUrl → policy (tenant, serviceUrl) → deduplicate → dispatch → answer.
/// Refusals are 4xx with a reason; nothing the sender does makes it a 500.
/// </summary>
public static partial class BotEndpoint
{
    public static IEndpointConventionBuilder MapBot(this IEndpointRouteBuilder app, string pattern, Action<BotRoutes> configure)
    {
        var routes = app.ServiceProvider.GetRequiredService<BotRoutes>();
        configure(routes);
        // Fail at start-up, not at the first message, when a feature forgot to register its handler.
        var isService = app.ServiceProvider.GetRequiredService<IServiceProviderIsService>();
        var missing = routes.AllHandlerTypes.Where(t => !isService.IsService(t)).Select(t => t.Name).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"Bot handlers not registered in DI: {string.Join(", ", missing)}");

        return app.MapPost(pattern, HandleAsync).DisableAntiforgery();
    }

    internal static async Task HandleAsync(HttpContext http)
    {
        using var turn = new TurnTelemetry();
        turn.Result = await HandleCoreAsync(http, turn);
    }

    /// <summary>Handles the POST and says what became of it, for the turn's trace and metrics.</summary>
    private static async Task<string> HandleCoreAsync(HttpContext http, TurnTelemetry turn)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<BotProtocolOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("TraAM.Bot.Protocol.Messages");
        var ct = http.RequestAborted;

        var body = await ReadBodyAsync(http.Request, options.MaxActivityBytes, ct);
        if (body is null)
        {
            await RefuseAsync(http, StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", $"L'activité dépasse {options.MaxActivityBytes} octets.");
            return TurnTelemetry.TooLarge;
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body, ProtocolJson.Context.Activity);
        }
        catch (JsonException ex)
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, "BadRequest", $"JSON invalide : {ex.Message}");
            return TurnTelemetry.BadRequest;
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, "BadRequest", "L'activité n'a pas de champ « type ».");
            return TurnTelemetry.BadRequest;
        }

        turn.Describe(activity);

        if (!options.IsLocalMode)
        {
            var auth = await services.GetRequiredService<IInboundAuthenticator>()
                .AuthenticateAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, activity, ct);
            if (!auth.Succeeded)
            {
                LogRejected(logger, activity.Type, auth.Reason);
                await RefuseAsync(http, StatusCodes.Status401Unauthorized, "Unauthorized", "Jeton absent ou invalide.");
                return TurnTelemetry.Unauthorized;
            }
        }

        if (options.AllowedTenants.Count > 0 && !options.AllowedTenants.Contains(activity.TenantId ?? "", StringComparer.OrdinalIgnoreCase))
        {
            LogPolicy(logger, "tenant not allowed", activity.TenantId);
            await RefuseAsync(http, StatusCodes.Status403Forbidden, "TenantNotAllowed", "Ce locataire Microsoft 365 n'est pas autorisé pour ce bot.");
            return TurnTelemetry.Forbidden;
        }

        if (activity.ServiceUrl is not null && !services.GetRequiredService<ServiceUrlPolicy>().IsAllowed(activity.ServiceUrl))
        {
            LogPolicy(logger, "serviceUrl not allowed", activity.ServiceUrl);
            await RefuseAsync(http, StatusCodes.Status403Forbidden, "ServiceUrlNotAllowed", "Ce serviceUrl n'est pas dans Bot__AllowedServiceUrls.");
            return TurnTelemetry.Forbidden;
        }

        if (!options.IsLocalMode && activity.ServiceUrl is not null) await ObserveServiceUrlAsync(services, activity, logger, ct);
        var (response, result) = await ProcessAsync(services, activity, logger, ct);
        if (response is null)
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            return result;
        }

        http.Response.StatusCode = response.Status;
        if (response.Body is not null)
            await http.Response.WriteAsJsonAsync(response.Body, ProtocolJson.Context.AdaptiveCardInvokeResponse, cancellationToken: ct);
        return result;
    }

    /// <summary>A failing observer costs a stale serviceUrl at worst, never the turn.</summary>
    private static async Task ObserveServiceUrlAsync(IServiceProvider services, Activity activity, ILogger logger, CancellationToken ct)
    {
        foreach (var observer in services.GetServices<IVerifiedServiceUrlObserver>())
        {
            try
            {
                await observer.SeenAsync(activity, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogFailed(logger, ex, "serviceUrl refresh", null);
            }
        }
    }

    private static async Task<(InvokeResponse? Response, string Result)> ProcessAsync(IServiceProvider services, Activity activity, ILogger logger, CancellationToken ct)
    {
        var dedup = services.GetRequiredService<IActivityDeduplicator>();
        var ticket = await dedup.BeginAsync(activity, ct);
        if (!ticket.IsFirst)
        {
            LogDuplicate(logger, activity.Type, activity.Id);
            return (ticket.PreviousResponse ?? (activity.Type == ActivityTypes.Invoke ? InvokeResponse.Message(Busy(activity)) : null), TurnTelemetry.Duplicate);
        }

        LogReceived(logger, activity.Type!, activity.Name, activity.Conversation?.ConversationType);
        try
        {
            var response = await services.GetRequiredService<BotDispatcher>().DispatchAsync(activity, ct);
            // Do not let the caller's cancellation skip the bookkeeping: the effect has happened.
            await dedup.CompleteAsync(ticket, response, CancellationToken.None);
            return (response, TurnTelemetry.Handled);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogFailed(logger, ex, activity.Type!, activity.Name);
            TurnTelemetry.RecordFailure(ex);
            await dedup.AbandonAsync(ticket, CancellationToken.None);
            return (activity.Type == ActivityTypes.Invoke
                ? InvokeResponse.Error(500, "InternalError", Failed(activity))
                : await ApologizeAsync(services, activity, logger), TurnTelemetry.Failed);
        }
    }

    private static async Task<InvokeResponse?> ApologizeAsync(IServiceProvider services, Activity activity, ILogger logger)
    {
        if (activity.Type != ActivityTypes.Message || activity.ServiceUrl is null || activity.Conversation?.Id is null) return null;
        try
        {
            var connector = services.GetRequiredService<Connector.IConnector>();
            await new TurnContext(activity, connector, CommandText.Empty).SendTextAsync(Failed(activity), CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, "apology", null);
        }

        return null;
    }

    private static string Failed(Activity a) => Languages.FromLocale(a.Locale) == Languages.English
        ? "Sorry, something went wrong on our side. Please try again in a moment."
        : "Désolé, une erreur est survenue de notre côté. Merci de réessayer dans un instant.";

    private static string Busy(Activity a) => Languages.FromLocale(a.Locale) == Languages.English
        ? "Your action is already being processed."
        : "Votre action est déjà en cours de traitement.";

    /// <summary>The body, or null when it exceeds <paramref name="limit"/> (checked on the header and while reading).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return null;
        using var buffer = new MemoryStream(request.ContentLength is { } n ? (int)n : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Task RefuseAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new ErrorResponse { Error = new ErrorDetail { Code = code, Message = message } },
            ProtocolJson.Context.ErrorResponse);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Activity {Type} {Name} in {ConversationType} conversation")]
    private static partial void LogReceived(ILogger logger, string type, string? name, string? conversationType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Type} activity: {Reason}")]
    private static partial void LogRejected(ILogger logger, string? type, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused activity: {Policy} ({Value})")]
    private static partial void LogPolicy(ILogger logger, string policy, string? value);

    [LoggerMessage(Level = LogLevel.Information, Message = "Duplicate {Type} activity {Id} ignored")]
    private static partial void LogDuplicate(ILogger logger, string? type, string? id);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {Type} {Name} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string type, string? name);
}
