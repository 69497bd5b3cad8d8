using System.Globalization;

namespace ApiSentinel.Collector.Service.Configuration;

/// <summary>
/// The command line's switches and the configuration root key each one sets (the platform's switch mappings, fed to
/// <c>AddCommandLine</c>). What the platform's provider does not do is done here first, before it sees the arguments:
/// an unknown switch or a switch without a value is an error (exit code 2), not a silently ignored key, and a list
/// switch (<c>--spec a.yaml --spec b.yaml</c>, or <c>--spec a.yaml b.yaml</c>) becomes indexed keys (<c>Spec:0</c>, <c>Spec:1</c>).
/// </summary>
public static class CommandLine
{
    public const string Usage = """
        usage: apisentinel-collector --grpc-listen HOST:PORT --http-listen HOST:PORT --token-file FILE --state-dir DIR
                                     [--spec FILE...] [--tls-cert PEM --tls-key PEM [--client-ca PEM]] [--config FILE.json]
                                     [--checkpoint-interval HH:MM:SS] [--build-interval HH:MM:SS] [--usage-retention D.HH:MM:SS]
                                     [--cluster-cidr CIDR...] [--sampling-rate X] [--body-inspection-limit BYTES]
                                     [--max-message-bytes BYTES] [--ingest-queue-batches N]
                                     [--kubernetes true|false] [--kubeconfig FILE] [--namespace NS]
                                     [--kube-flush-interval HH:MM:SS] [--kube-qps X] [--kube-burst N]
                                     [--kube-inactive-after D.HH:MM:SS] [--kube-delete-after D.HH:MM:SS]
                                     [--kube-instance NAME]

        Every option is also a configuration key (--grpc-listen → GrpcListen), read from the JSON file of --config and
        from environment variables prefixed APISENTINEL_ (APISENTINEL_GRPCLISTEN; lists: APISENTINEL_SPEC__0);
        the command line wins over the environment, the environment over the file.
        The Kubernetes sink (ApiEndpoint resources) runs when a cluster is found (--kubeconfig, KUBECONFIG, or the
        pod's service account); --kubernetes=false runs without it, --kubernetes=true makes a missing cluster an error.
        """;

    /// <summary>Switch → configuration root key.</summary>
    public static IReadOnlyDictionary<string, string> Switches { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--grpc-listen"] = nameof(CollectorOptions.GrpcListen),
        ["--http-listen"] = nameof(CollectorOptions.HttpListen),
        ["--token-file"] = nameof(CollectorOptions.TokenFile),
        ["--state-dir"] = nameof(CollectorOptions.StateDir),
        ["--spec"] = nameof(CollectorOptions.Spec),
        ["--tls-cert"] = nameof(CollectorOptions.TlsCert),
        ["--tls-key"] = nameof(CollectorOptions.TlsKey),
        ["--client-ca"] = nameof(CollectorOptions.ClientCa),
        ["--config"] = nameof(CollectorOptions.Config),
        ["--checkpoint-interval"] = nameof(CollectorOptions.CheckpointInterval),
        ["--build-interval"] = nameof(CollectorOptions.BuildInterval),
        ["--usage-retention"] = nameof(CollectorOptions.UsageRetention),
        ["--cluster-cidr"] = nameof(CollectorOptions.ClusterCidr),
        ["--sampling-rate"] = nameof(CollectorOptions.SamplingRate),
        ["--body-inspection-limit"] = nameof(CollectorOptions.BodyInspectionLimit),
        ["--max-message-bytes"] = nameof(CollectorOptions.MaxMessageBytes),
        ["--ingest-queue-batches"] = nameof(CollectorOptions.IngestQueueBatches),
        ["--kubernetes"] = nameof(CollectorOptions.Kubernetes),
        ["--kubeconfig"] = nameof(CollectorOptions.Kubeconfig),
        ["--namespace"] = nameof(CollectorOptions.Namespace),
        ["--kube-flush-interval"] = nameof(CollectorOptions.KubeFlushInterval),
        ["--kube-qps"] = nameof(CollectorOptions.KubeQps),
        ["--kube-burst"] = nameof(CollectorOptions.KubeBurst),
        ["--kube-inactive-after"] = nameof(CollectorOptions.KubeInactiveAfter),
        ["--kube-delete-after"] = nameof(CollectorOptions.KubeDeleteAfter),
        ["--kube-instance"] = nameof(CollectorOptions.KubeInstance),
    };

    /// <summary>Switches that take several values.</summary>
    private static readonly HashSet<string> Lists = ["--spec", "--cluster-cidr"];

    /// <summary>Whether the command line asks for the usage text.</summary>
    public static bool WantsHelp(IReadOnlyList<string> args) => args.Any(a => a is "--help" or "-h");

    /// <summary>
    /// The arguments as <c>--Key value</c> pairs for <c>AddCommandLine</c>, list values as <c>--Key:N value</c>.
    /// Throws <see cref="CommandLineException"/> for anything else.
    /// </summary>
    public static IReadOnlyList<string> Normalise(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new List<string>();
        var listCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string name;
            string? inline = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                inline = arg[(equals + 1)..];
            }
            else
            {
                name = arg;
            }
            if (!Switches.TryGetValue(name, out var key))
            {
                throw new CommandLineException(arg.StartsWith('-')
                    ? $"unknown option {arg}"
                    : $"unexpected argument '{arg}' (every value follows its option)");
            }
            var values = new List<string>();
            if (inline is not null)
            {
                values.Add(inline);
            }
            else
            {
                while (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) &&
                       (values.Count == 0 || Lists.Contains(name)))
                {
                    values.Add(args[++i]);
                }
            }
            if (values.Count == 0)
            {
                throw new CommandLineException($"option {name} needs a value");
            }
            foreach (var value in values)
            {
                if (Lists.Contains(name))
                {
                    var index = listCounts.GetValueOrDefault(name);
                    listCounts[name] = index + 1;
                    result.Add(string.Create(CultureInfo.InvariantCulture, $"--{key}:{index}"));
                }
                else
                {
                    result.Add("--" + key);
                }
                result.Add(value);
            }
        }
        return result;
    }
}
