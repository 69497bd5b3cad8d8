using System.Diagnostics;
using System.Globalization;
using ApiSentinel.Bench.TrafficGen;

if (!GeneratorOptions.TryParse(args, out GeneratorOptions options, out string error))
{
    if (error.Length > 0)
    {
        Console.Error.WriteLine("apisentinel-trafficgen: " + error);
    }

    Console.Error.WriteLine(GeneratorOptions.Usage);
    return error.Length > 0 ? 2 : 0;
}

try
{
    string? directory = Path.GetDirectoryName(Path.GetFullPath(options.OutputPath));
    if (directory is not null)
    {
        Directory.CreateDirectory(directory);
    }

    var stopwatch = Stopwatch.StartNew();
    GenerationSummary summary;

    // Unbuffered FileStream: PcapFileWriter already writes 4 MiB blocks.
    using (var file = new FileStream(options.OutputPath, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan))
    {
        summary = new TrafficGenerator(options).Run(file);
    }

    stopwatch.Stop();
    double seconds = stopwatch.Elapsed.TotalSeconds;
    Console.Error.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"apisentinel-trafficgen: wrote {options.OutputPath}: {ByteSize.Format(summary.Bytes)}, {summary.Packets} packets, {summary.Connections} connections, {summary.Exchanges} exchanges in {seconds:0.0} s ({summary.Bytes / 1e6 / seconds:0} MB/s)"));
    summary.WriteTo(Console.Error);
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed={options.Seed}"));
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"concurrency={options.Concurrency}"));
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generate_seconds={seconds:0.00}"));
    return 0;
}
catch (IOException exception)
{
    Console.Error.WriteLine("apisentinel-trafficgen: cannot write " + options.OutputPath + ": " + exception.Message);
    return 1;
}
catch (UnauthorizedAccessException exception)
{
    Console.Error.WriteLine("apisentinel-trafficgen: cannot write " + options.OutputPath + ": " + exception.Message);
    return 1;
}
