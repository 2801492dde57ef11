using System.Net;
using System.Net.Sockets;

namespace TraAM.Bot.Hosting;

/// <summary>
/// A port another program holds is an operator's mistake, not a crash: say so in one line (French, then English)
/// and exit 1, instead of Kestrel's stack trace and an abort (exit code 134).
/// </summary>
internal static class Listening
{
    /// <summary>The first fixed port of <paramref name="urls"/> (the <c>urls</c> setting) that cannot be bound now.</summary>
    public static int? BusyPort(string? urls)
    {
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                continue; // Kestrel reports a malformed address itself
            }

            if (address.Port == 0) continue;
            var ip = IPAddress.TryParse(address.Host, out var parsed) ? parsed
                : string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Any;
            if (IsBusy(ip, address.Port)) return address.Port;
        }

        return null;
    }

    public static int Refuse(int port)
    {
        Console.Error.WriteLine($"Démarrage impossible : le port {port} est déjà utilisé par un autre programme ; arrêtez-le ou choisissez un autre port (--urls). "
            + $"/ Cannot start: port {port} is already in use by another program; stop it or choose another port (--urls).");
        return 1;
    }

    private static bool IsBusy(IPAddress ip, int port)
    {
        using var probe = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(ip, port));
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
    }
}
