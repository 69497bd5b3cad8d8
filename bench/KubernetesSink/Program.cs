using System.Text.Json;
using ApiSentinel.Bench.KubernetesSink;
using ApiSentinel.Bench.KubernetesSink.Report;

// apisentinel-kubesinkbench run … (one seed, one JSON line appended to --out) | report --in FILE (the Markdown table).
var json = new JsonSerializerOptions { WriteIndented = false, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
try
{
    switch (args.FirstOrDefault())
    {
        case "run":
            var options = BenchOptions.Parse(args[1..]);
            using (var cancel = new CancellationTokenSource())
            {
                Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
                var row = await new BenchRun(options).RunAsync(cancel.Token);
                await File.AppendAllTextAsync(options.Output, JsonSerializer.Serialize(row, json) + "\n");
                Console.Error.WriteLine(MarkdownReport.Render([row]));
                return row.WithinLimits ? 0 : 3;
            }
        case "report" when args.Length == 3 && args[1] == "--in":
            var rows = File.ReadLines(args[2]).Where(line => line.Length > 0).Select(line => JsonSerializer.Deserialize<ResultRow>(line, json)!).ToList();
            Console.Write(MarkdownReport.Render(rows));
            return 0;
        default:
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"apisentinel-kubesinkbench: {e.Message}\n{BenchOptions.Usage}");
    return 2;
}
