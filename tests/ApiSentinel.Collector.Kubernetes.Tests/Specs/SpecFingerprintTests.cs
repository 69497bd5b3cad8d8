using ApiSentinel.Collector.Kubernetes.Specs;

namespace ApiSentinel.Collector.Kubernetes.Tests.Specs;

public sealed class SpecFingerprintTests
{
    private static readonly SpecDocument Document = SpecDocument.Of("openapi: 3.0.0", "apispec default/shop");

    [Fact]
    public void Hosts_holding_the_separator_do_not_collide_with_more_hosts()
    {
        Assert.NotEqual(SpecFingerprint.Of(Document, ["a,b"]), SpecFingerprint.Of(Document, ["a", "b"]));
        Assert.NotEqual(SpecFingerprint.Of(Document, ["a\nb"]), SpecFingerprint.Of(Document, ["a", "b"]));
    }

    [Fact]
    public void A_source_name_cannot_run_into_the_hosts()
    {
        Assert.NotEqual(SpecFingerprint.Of(SpecDocument.Of("x", "s\nh"), []), SpecFingerprint.Of(SpecDocument.Of("x", "s"), ["h"]));
    }

    [Fact]
    public void The_same_inputs_give_the_same_fingerprint_and_a_changed_document_another()
    {
        Assert.Equal(SpecFingerprint.Of(Document, ["a", "b"]), SpecFingerprint.Of(SpecDocument.Of("openapi: 3.0.0", "apispec default/shop"), ["a", "b"]));
        Assert.NotEqual(SpecFingerprint.Of(Document, ["a"]), SpecFingerprint.Of(SpecDocument.Of("openapi: 3.1.0", "apispec default/shop"), ["a"]));
        Assert.NotEqual(SpecFingerprint.Of(Document, ["a"]), SpecFingerprint.Of(SpecDocument.Missing("apispec default/shop", "R", "m"), ["a"]));
    }
}
