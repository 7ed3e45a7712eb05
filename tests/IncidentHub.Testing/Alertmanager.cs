using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace IncidentHub.Testing;

/// <summary>
/// Debian's Prometheus Alertmanager (0.25), one instance not clustered, whose only route sends every alert to a
/// webhook receiver the way operators configure IncidentHub: the source's URL, its secret as a Bearer credential,
/// send_resolved, grouped by alertname and service. Fails (never skips) when the binary is missing.
/// </summary>
public sealed class Alertmanager : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus-alertmanager";

    private readonly Process process;
    private readonly string directory;
    private readonly StringBuilder log = new();
    private readonly HttpClient client;

    private Alertmanager(Process process, string directory, int port)
    {
        this.process = process;
        this.directory = directory;
        Port = port;
        client = new HttpClient
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    /// <summary>The port of its API, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>What it wrote to standard error so far: the reason for a delivery that did not arrive.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <param name="receiver">The webhook URL: the alert source's ingestion URL.</param>
    /// <param name="secret">The alert source's secret, sent as <c>Authorization: Bearer</c>.</param>
    /// <param name="repeatInterval">How soon an unchanged firing group is sent again (repeat_interval).</param>
    public static async Task<Alertmanager> StartAsync(Uri receiver, string secret, TimeSpan? repeatInterval = null)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException(
                $"{Binary} is missing: install Debian's Alertmanager (apt-get install -y prometheus-alertmanager); "
                + "./test.sh does when run as root.");
        }

        var directory = Directory.CreateTempSubdirectory("incidenthub-alertmanager-").FullName;
        var port = FreePort();
        var config = Path.Combine(directory, "alertmanager.yml");

        // group_wait and group_interval of 1 s (the real defaults are 30 s and 5 min) keep the tests quick; the
        // notifications are the same.
        await File.WriteAllTextAsync(config, $$"""
            route:
              receiver: incidenthub
              group_by: ['alertname', 'service']
              group_wait: 1s
              group_interval: 1s
              repeat_interval: {{(int)(repeatInterval ?? TimeSpan.FromHours(1)).TotalSeconds}}s
            receivers:
              - name: incidenthub
                webhook_configs:
                  - url: {{JsonSerializer.Serialize(receiver.ToString())}}
                    send_resolved: true
                    max_alerts: 1000
                    http_config:
                      authorization:
                        type: Bearer
                        credentials: {{JsonSerializer.Serialize(secret)}}
            """);
        var start = new ProcessStartInfo(Binary,
        [
            $"--config.file={config}",
            $"--storage.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
            // Empty: no gossip, so two instances are two independent replicas that both send every notification.
            "--cluster.listen-address=",
            "--log.level=info",
        ])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Alertmanager did not start.");
        var alertmanager = new Alertmanager(process, directory, port);
        process.ErrorDataReceived += (_, line) => alertmanager.Append(line.Data);
        process.OutputDataReceived += (_, line) => alertmanager.Append(line.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                var (code, log) = (process.ExitCode, alertmanager.Log);
                await alertmanager.DisposeAsync();
                throw new InvalidOperationException($"Alertmanager exited with {code}: {log}");
            }

            try
            {
                using var ready = await alertmanager.client.GetAsync(new Uri("/-/ready", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return alertmanager;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(50);
        }

        var lines = alertmanager.Log;
        await alertmanager.DisposeAsync();
        throw new InvalidOperationException($"Alertmanager was not ready within 20 s: {lines}");
    }

    /// <summary>Posts alerts to its API v2 as Prometheus does (labels, annotations, startsAt, endsAt).</summary>
    public async Task PostAlertsAsync(params object[] alerts)
    {
        using var content = new StringContent(JsonSerializer.Serialize(alerts), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/v2/alerts", UriKind.Relative), content);
        if (!response.IsSuccessStatusCode)
        {
            var answer = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException(
                $"Alertmanager refused the alerts: {(int)response.StatusCode} {answer}");
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
