namespace ApiSentinel.Cli.Tests.Adversarial.Resources;

/// <summary>
/// The resource tests run one after another (each is a CLI child process that may use a core and hundreds of MB
/// for a while), beside the rest of the suite rather than beside each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ResourceHarness
{
    public const string Name = "resource harness";
}
