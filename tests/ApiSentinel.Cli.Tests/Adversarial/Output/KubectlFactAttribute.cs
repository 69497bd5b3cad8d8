namespace ApiSentinel.Cli.Tests.Adversarial.Output;

/// <summary>
/// A test that runs the real <c>kubectl</c>: skipped, with the reason, where it is not installed
/// (<c>scripts/setup.sh</c> installs Debian's <c>kubernetes-client</c> when it is missing). Here it runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Kubectl.Path is null)
        {
            Skip = "kubectl is not installed (scripts/setup.sh installs Debian's kubernetes-client)";
        }
    }
}
