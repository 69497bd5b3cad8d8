using System.Net;

namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real HTTP server for the live tests: nginx inside the namespace, serving a small JSON API from
/// <c>return 200 '{…}'</c> locations (no application code). The user responses carry a planted SSN and card
/// number, so sensitive data is detected in response bodies too. Single process (<c>master_process off</c>),
/// so disposing kills all of it.
/// </summary>
internal sealed class NginxJsonApi : IDisposable
{
    public const int Port = 80;

    private readonly ServiceProcess _process;

    private NginxJsonApi(IPAddress address, ServiceProcess process)
    {
        Address = address;
        _process = process;
    }

    public IPAddress Address { get; }

    public string BaseUrl => $"http://{Address}:{Port}";

    public string Describe() => _process.Describe();

    /// <summary>Starts nginx in <paramref name="pair"/>'s namespace on its address and waits until it accepts connections.</summary>
    public static NginxJsonApi Start(NetworkNamespacePair pair, TemporaryDirectory work)
    {
        string prefix = Path.Combine(work.Path, "nginx");
        Directory.CreateDirectory(prefix);
        string config = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(config, Configuration(pair.NamespaceAddress, prefix));
        var process = ServiceProcess.Start("nginx", "ip",
            ["netns", "exec", pair.Name, "nginx", "-p", prefix, "-c", config, "-e", "stderr"]);
        var server = new NginxJsonApi(pair.NamespaceAddress, process);
        try
        {
            TcpPort.WaitUntilOpen(pair.NamespaceAddress.ToString(), Port, TimeSpan.FromSeconds(30), () => process.Describe());
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return server;
    }

    public void Dispose() => _process.Dispose();

    private static string Configuration(IPAddress address, string prefix) => $$"""
        daemon off;
        master_process off;
        worker_processes 1;
        pid {{prefix}}/nginx.pid;
        error_log stderr warn;
        events { worker_connections 128; }
        http {
            access_log off;
            client_body_temp_path {{prefix}}/body;
            proxy_temp_path {{prefix}}/proxy;
            fastcgi_temp_path {{prefix}}/fastcgi;
            uwsgi_temp_path {{prefix}}/uwsgi;
            scgi_temp_path {{prefix}}/scgi;
            default_type application/json;
            server {
                listen {{address}}:{{Port}};
                server_name _;
                location ~ ^/api/users/[0-9]+$ {
                    return 200 '{"id":7,"name":"Ada","ssn":"{{PlantedSecrets.ResponseSsn}}","card":"{{PlantedSecrets.ResponseCardNumber}}"}';
                }
                location ~ ^/api/orders/[0-9]+/items$ { return 200 '[{"sku":"A-1","quantity":2}]'; }
                location = /api/payments { return 201 '{"status":"accepted"}'; }
                location = /api/login { return 200 '{"ok":true}'; }
                location = /api/health { return 200 '{"status":"ok"}'; }
                location / { return 404 '{"error":"not found"}'; }
            }
        }
        """;
}
