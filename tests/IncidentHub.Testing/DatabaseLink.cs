using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace IncidentHub.Testing;

/// <summary>
/// A TCP relay between an app and PostgreSQL that a test can cut and restore: to the app it is a database
/// outage (open connections drop, new ones are closed at once), while the server the other tests use keeps running.
/// </summary>
public sealed class DatabaseLink : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly ConcurrentDictionary<Guid, (TcpClient App, TcpClient Database)> relays = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private volatile bool cut;

    public DatabaseLink(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        targetHost = target.Host!;
        targetPort = target.Port;
        listener.Start();
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)listener.LocalEndpoint).Port,
        }.ConnectionString;
        accepting = AcceptAsync();
    }

    /// <summary>The connection string that goes through the link.</summary>
    public string ConnectionString { get; }

    /// <summary>Drops every open connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        cut = true;
        foreach (var (id, relay) in relays)
        {
            relay.App.Dispose();
            relay.Database.Dispose();
            relays.TryRemove(id, out _);
        }
    }

    public void Restore() => cut = false;

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient app;
            try
            {
                app = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception exception)
                when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (cut)
            {
                app.Dispose();
                continue;
            }

            _ = RelayAsync(app);
        }
    }

    private async Task RelayAsync(TcpClient app)
    {
        var database = new TcpClient();
        var id = Guid.NewGuid();
        try
        {
            await database.ConnectAsync(targetHost, targetPort, stopping.Token);
            relays[id] = (app, database);
            var appStream = app.GetStream();
            var databaseStream = database.GetStream();
            await Task.WhenAny(
                appStream.CopyToAsync(databaseStream, stopping.Token),
                databaseStream.CopyToAsync(appStream, stopping.Token));
        }
        catch (Exception exception)
            when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A cut, or one side hung up: the other side is closed below.
        }
        finally
        {
            relays.TryRemove(id, out _);
            app.Dispose();
            database.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Cut();
        await accepting;
        stopping.Dispose();
    }
}
