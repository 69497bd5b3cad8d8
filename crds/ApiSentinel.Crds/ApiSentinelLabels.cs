namespace ApiSentinel.Crds;

/// <summary>
/// The label keys ApiSentinel puts on its resources — the one home of these strings. They exist so that
/// <c>kubectl get apiendpoints -l apisentinel.io/risk=high</c> and the like work; values come from
/// <see cref="LabelValues"/> so that text from the wire always makes a valid label value.
/// </summary>
public static class ApiSentinelLabels
{
    public const string Prefix = ApiSentinelApi.Group + "/";

    /// <summary>The endpoint's risk level (<c>none</c> … <c>critical</c>).</summary>
    public const string Risk = Prefix + "risk";

    /// <summary><c>true</c> when a spec describes the host but not this endpoint.</summary>
    public const string Shadow = Prefix + "shadow";

    /// <summary>The endpoint's state against the published specs (<c>conformant</c>, <c>shadow</c>, …).</summary>
    public const string SpecState = Prefix + "spec-state";

    /// <summary><c>true</c> when any sensitive data was seen in the endpoint's calls.</summary>
    public const string Sensitive = Prefix + "sensitive";

    /// <summary>The host, in its label-safe form (<see cref="LabelValues.Of"/>).</summary>
    public const string Host = Prefix + "host";

    /// <summary>The HTTP method, in its label-safe form.</summary>
    public const string Method = Prefix + "method";

    /// <summary><c>internal</c>, <c>external</c> or <c>unknown</c>.</summary>
    public const string Exposure = Prefix + "exposure";

    /// <summary><c>active</c> or <c>inactive</c> (<see cref="ApiEndpoints.EndpointStates"/>).</summary>
    public const string State = Prefix + "state";

    /// <summary>
    /// The collector instance that wrote the resource (<c>--kube-instance</c>): each collector lists, and so deletes,
    /// only resources carrying its own value, so two collectors in one cluster never delete each other's.
    /// </summary>
    public const string Collector = Prefix + "collector";

    /// <summary>The standard Kubernetes label naming the tool that manages a resource.</summary>
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    /// <summary>The value of <see cref="ManagedBy"/> on every resource the collector writes (and the only ones it deletes).</summary>
    public const string ManagedByCollector = "apisentinel-collector";

    public const string True = "true";

    public const string False = "false";

    public static string Of(bool value) => value ? True : False;
}
