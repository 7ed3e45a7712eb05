using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace IncidentHub.Testing;

/// <summary>
/// Debian's nginx as the TLS-terminating reverse proxy in front of an app on a loopback port, configured the way
/// operators do: X-Forwarded-For, -Proto and -Host set by the proxy. Fails (never skips) when nginx is missing.
/// </summary>
public sealed class Nginx : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";

    private readonly Process process;
    private readonly string directory;

    private Nginx(Process process, string directory, int port)
    {
        this.process = process;
        this.directory = directory;
        Port = port;
    }

    /// <summary>The HTTPS port nginx listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    public Uri BaseAddress => new($"https://127.0.0.1:{Port}");

    public static async Task<Nginx> StartAsync(Uri upstream)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException(
                $"{Binary} is missing: install Debian's nginx (apt-get install -y nginx); ./test.sh does when run " +
                "as root.");
        }

        var directory = Directory.CreateTempSubdirectory("incidenthub-nginx-").FullName;
        WriteCertificate(directory);
        var port = FreePort();
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{directory}}/body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                server {
                    listen 127.0.0.1:{{port}} ssl;
                    ssl_certificate {{directory}}/proxy.crt;
                    ssl_certificate_key {{directory}}/proxy.key;
                    location / {
                        proxy_pass {{upstream.GetLeftPart(UriPartial.Authority)}};
                        proxy_http_version 1.1;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_set_header X-Forwarded-Host $http_host;
                        proxy_buffering off;
                    }
                }
            }
            """);
        var start = new ProcessStartInfo(Binary, ["-p", directory, "-c", config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var nginx = new Nginx(process, directory, port);
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (process.HasExited)
            {
                var log = File.Exists(Path.Combine(directory, "error.log"))
                    ? await File.ReadAllTextAsync(Path.Combine(directory, "error.log"))
                    : "";
                throw new InvalidOperationException(
                    $"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()} {log}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return nginx;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        await nginx.DisposeAsync();
        throw new InvalidOperationException("nginx did not listen within 15 s.");
    }

    /// <summary>
    /// A client that connects from the given loopback address (127.0.0.2, …), as a different machine would.
    /// </summary>
    public HttpClient CreateClient(IPAddress from, CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(
                        context.DnsEndPoint.Host == "127.0.0.1"
                            ? IPAddress.Loopback
                            : throw new InvalidOperationException("loopback only"),
                        context.DnsEndPoint.Port,
                        cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    private static void WriteCertificate(string directory)
    {
        using var certificate = TestCertificate.Create();
        File.WriteAllText(Path.Combine(directory, "proxy.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(
            Path.Combine(directory, "proxy.key"), certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
