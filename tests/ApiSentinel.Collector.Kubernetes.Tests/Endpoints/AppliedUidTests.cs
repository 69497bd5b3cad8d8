using System.Text.Json;
using ApiSentinel.Collector.Kubernetes.Endpoints;

namespace ApiSentinel.Collector.Kubernetes.Tests.Endpoints;

/// <summary>The uid is read from the server's answer to an apply, as KubernetesClient hands it back (JSON).</summary>
public sealed class AppliedUidTests
{
    [Fact]
    public void The_uid_comes_from_the_answered_objects_metadata()
    {
        using var answer = JsonDocument.Parse("""{"apiVersion":"apisentinel.io/v1alpha1","metadata":{"name":"n","uid":"6f1c"}}""");
        Assert.Equal("6f1c", KubernetesApiEndpointWriter.UidOf(answer.RootElement));
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"n"}}""")]
    [InlineData("""{"metadata":"x"}""")]
    [InlineData("""{"metadata":{"uid":7}}""")]
    [InlineData("""[]""")]
    public void An_answer_without_a_string_uid_gives_none(string json)
    {
        using var answer = JsonDocument.Parse(json);
        Assert.Null(KubernetesApiEndpointWriter.UidOf(answer.RootElement));
    }

    [Fact]
    public void A_non_json_answer_gives_none() => Assert.Null(KubernetesApiEndpointWriter.UidOf("text"));
}
