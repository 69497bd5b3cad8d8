using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Pipeline;
using ApiSentinel.Sensor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ApiSentinel.Sensor.Tests.Pipeline;

/// <summary>
/// The whole sensor on live traffic: a real nginx in a network namespace, real curl (and a raw-socket pipelining
/// client) in the root namespace, captured on the veth by <see cref="LiveCaptureSource"/> and run through the
/// pipeline. Covers keep-alive, pipelining, a gzip'd chunked response and a 1 MiB upload.
/// </summary>
public sealed class LiveHttpCaptureTests(ITestOutputHelper output) : IDisposable
{
    private const int Port = 8080;
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [NetnsFact]
    public void Captures_keepalive_pipelined_chunked_gzip_and_upload_exchanges()
    {
        using var network = NetworkNamespacePair.Create();
        var server = network.NamespaceAddress.ToString();
        var baseUrl = $"http://{server}:{Port}";
        WriteServerFiles();
        using var nginx = network.StartInNamespace("nginx", "-p", _dir.Path, "-c", Path.Combine(_dir.Path, "nginx.conf"), "-g", "daemon off;");
        try
        {
            TcpPort.WaitUntilOpen(server, Port, TimeSpan.FromSeconds(10));

            var records = new List<ExchangeRecord>();
            var pipeline = new TrafficPipeline(new SensorOptions(), records.Add);
            using var source = new LiveCaptureSource(new LiveCaptureOptions { Device = network.HostInterface, Filter = $"tcp port {Port}" });
            using var stop = new CancellationTokenSource();
            var capture = Task.Factory.StartNew(() => pipeline.Run(source, stop.Token), TaskCreationOptions.LongRunning);
            Thread.Sleep(700); // let libpcap attach before the first SYN

            // 1. keep-alive: three requests on one connection; the JSON comes back gzip'd and chunked.
            // (curl's -o applies to one URL, hence three; -w prints each transfer's body size, gzip'd as sent.)
            var gzipSize = Curl("-s", "-w", "%{size_download}\n", "-H", "Accept-Encoding: gzip", "-o", "/dev/null", "-o", "/dev/null",
                "-o", "/dev/null", $"{baseUrl}/small", $"{baseUrl}/small?x=1", $"{baseUrl}/data/customers.json").Split('\n')[2];
            // 2. a 1 MiB upload.
            var upload = Path.Combine(_dir.Path, "upload.bin");
            File.WriteAllBytes(upload, Enumerable.Range(0, 1 << 20).Select(i => (byte)(i * 31)).ToArray());
            Curl("-s", "-o", "/dev/null", "-H", "Content-Type: application/octet-stream", "--data-binary", "@" + upload, $"{baseUrl}/upload");
            // 3. pipelining: curl no longer pipelines, so three requests go out in one write from a raw socket.
            Pipelined(server, "/p1", "/p2", "/p3");

            Thread.Sleep(1000); // the last ACKs and FINs
            stop.Cancel();
            Assert.True(capture.Wait(TimeSpan.FromSeconds(20)), "live capture did not stop");
            pipeline.Complete();
            foreach (var r in records)
            {
                output.WriteLine($"{r.ConnectionId} {r.Method} {r.Target} {r.Status} req={r.RequestBodyBytes} resp={r.ResponseBodyBytes} {string.Join(',', r.Notes)}");
            }

            Assert.Equal(0, pipeline.Statistics.InternalErrors);
            Assert.Equal(0, source.Statistics.KernelDropped);
            Assert.Equal(0, pipeline.Statistics.Reassembly.Gaps);
            Assert.Equal(7, records.Count);
            Assert.All(records, r => Assert.Empty(r.Notes));

            var keepAlive = records.Take(3).ToList();
            Assert.Single(keepAlive.Select(r => r.ConnectionId).Distinct());
            Assert.Equal(["/small", "/small?x=1", "/data/customers.json"], keepAlive.Select(r => r.Target));
            Assert.All(keepAlive, r => Assert.Equal(200, r.Status));
            Assert.Equal(6, keepAlive[0].ResponseBodyBytes); // "hello\n"
            var json = keepAlive[2];
            Assert.Contains("transfer-encoding", json.ResponseHeaderNames);
            Assert.Contains("content-encoding", json.ResponseHeaderNames);
            Assert.Equal(long.Parse(gzipSize, CultureInfo.InvariantCulture), json.ResponseBodyBytes);
            Assert.Equal("application/json", json.ResponseContentType);
            // Found only by decoding the gzip'd body: the addresses are in the JSON.
            Assert.Contains(json.Sensitive, s => s.Type == "email" && s.Location == "response.body.$.customers[*].email");

            var uploadRecord = records[3];
            Assert.Equal(("POST", "/upload", 201), (uploadRecord.Method, uploadRecord.Target, uploadRecord.Status));
            Assert.Equal(1 << 20, uploadRecord.RequestBodyBytes);

            var pipelined = records.Skip(4).ToList();
            Assert.Single(pipelined.Select(r => r.ConnectionId).Distinct());
            Assert.Equal(["/p1", "/p2", "/p3"], pipelined.Select(r => r.Target));
            Assert.Equal([200, 404, 200], pipelined.Select(r => r.Status ?? 0));
            Assert.All(records, r => Assert.Equal($"{server}:{Port}", r.Server));
        }
        finally
        {
            nginx.Kill(entireProcessTree: true);
            nginx.WaitForExit(5000);
        }
    }

    private void WriteServerFiles()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "www", "data"));
        Directory.CreateDirectory(Path.Combine(_dir.Path, "logs"));
        var customers = new StringBuilder("{\"customers\":[");
        for (var i = 0; i < 2000; i++)
        {
            customers.Append(CultureInfo.InvariantCulture, $"{(i > 0 ? "," : "")}{{\"id\":{i},\"name\":\"Customer {i}\",\"email\":\"customer{i}@example.com\"}}");
        }
        customers.Append("]}");
        File.WriteAllText(Path.Combine(_dir.Path, "www", "data", "customers.json"), customers.ToString());
        File.WriteAllText(Path.Combine(_dir.Path, "www", "p1"), "one\n");
        File.WriteAllText(Path.Combine(_dir.Path, "www", "p3"), "three\n");
        File.WriteAllText(Path.Combine(_dir.Path, "nginx.conf"), $$"""
            user root;
            worker_processes 1;
            pid {{_dir.Path}}/nginx.pid;
            error_log {{_dir.Path}}/logs/error.log warn;
            events { worker_connections 64; }
            http {
                access_log off;
                default_type application/octet-stream;
                types { application/json json; }
                client_body_temp_path {{_dir.Path}}/body;
                proxy_temp_path {{_dir.Path}}/proxy;
                fastcgi_temp_path {{_dir.Path}}/fastcgi;
                uwsgi_temp_path {{_dir.Path}}/uwsgi;
                scgi_temp_path {{_dir.Path}}/scgi;
                keepalive_requests 1000;
                gzip on;
                gzip_types application/json;
                gzip_min_length 0;
                client_max_body_size 8m;
                server {
                    listen {{Port}};
                    root {{_dir.Path}}/www;
                    location = /small { return 200 "hello\n"; }
                    location = /upload { client_body_buffer_size 2m; return 201 "stored\n"; }
                }
            }
            """);
    }

    private static string Curl(params string[] args)
    {
        var info = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var curl = Process.Start(info)!;
        var stdout = curl.StandardOutput.ReadToEnd();
        Assert.True(curl.WaitForExit(30_000), "curl hung");
        Assert.Equal(0, curl.ExitCode);
        return stdout;
    }

    /// <summary>Sends all requests in one write, then reads until the server has answered them all and closed.</summary>
    private static void Pipelined(string host, params string[] paths)
    {
        using var client = new TcpClient(host, Port);
        var requests = new StringBuilder();
        for (var i = 0; i < paths.Length; i++)
        {
            requests.Append(CultureInfo.InvariantCulture, $"GET {paths[i]} HTTP/1.1\r\nHost: {host}\r\n{(i == paths.Length - 1 ? "Connection: close\r\n" : "")}\r\n");
        }
        var stream = client.GetStream();
        stream.Write(Encoding.ASCII.GetBytes(requests.ToString()));
        stream.ReadTimeout = 10_000;
        var buffer = new byte[65536];
        while (stream.Read(buffer) > 0)
        {
        }
    }
}
