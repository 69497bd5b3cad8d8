using System.Text;
using ApiSentinel.Collector.Kubernetes.Specs;
using ApiSentinel.Crds.ApiSpecs;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Tests.Specs;

public sealed class SpecDocumentResolverTests
{
    private readonly Dictionary<string, V1ConfigMap> _configMaps = new()
    {
        ["default/specs"] = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "specs", NamespaceProperty = "default" },
            Data = new Dictionary<string, string> { ["shop.yaml"] = "openapi: 3.0.0 # text" },
            BinaryData = new Dictionary<string, byte[]> { ["shop.bin"] = Encoding.UTF8.GetBytes("openapi: 3.0.0 # bytes") },
        },
        ["other/specs"] = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "specs", NamespaceProperty = "other" },
            Data = new Dictionary<string, string> { ["shop.yaml"] = "elsewhere" },
        },
    };

    [Fact]
    public void An_inline_document_is_used_as_it_is()
    {
        var document = Resolve(new ApiSpecSpec { Document = "openapi: 3.0.0" });
        Assert.Equal(("openapi: 3.0.0", "apispec default/shop"), (document.Text, document.SourceName));
    }

    [Fact]
    public void A_configmap_key_is_read_from_the_apispecs_own_namespace()
    {
        var document = Resolve(new ApiSpecSpec { ConfigMapRef = new ConfigMapKeyReference { Name = "specs", Key = "shop.yaml" } });
        Assert.Equal(("openapi: 3.0.0 # text", "configmap default/specs key shop.yaml"), (document.Text, document.SourceName));
        Assert.Equal("openapi: 3.0.0 # bytes",
            Resolve(new ApiSpecSpec { ConfigMapRef = new ConfigMapKeyReference { Name = "specs", Key = "shop.bin" } }).Text);
    }

    [Fact]
    public void A_missing_configmap_or_key_says_which()
    {
        var noMap = Resolve(new ApiSpecSpec { ConfigMapRef = new ConfigMapKeyReference { Name = "gone", Key = "shop.yaml" } });
        Assert.False(noMap.Found);
        Assert.Equal((ApiSpecConditions.ReasonConfigMapNotFound, "ConfigMap default/gone not found"), (noMap.FailureReason, noMap.Failure));

        var noKey = Resolve(new ApiSpecSpec { ConfigMapRef = new ConfigMapKeyReference { Name = "specs", Key = "pay.yaml" } });
        Assert.Equal((ApiSpecConditions.ReasonConfigMapNotFound, "ConfigMap default/specs has no key pay.yaml"), (noKey.FailureReason, noKey.Failure));
    }

    [Fact]
    public void Neither_document_nor_reference_is_an_invalid_document()
    {
        var none = Resolve(new ApiSpecSpec { Hosts = ["shop.test"] });
        Assert.Equal((false, ApiSpecConditions.ReasonInvalidDocument), (none.Found, none.FailureReason));
    }

    private SpecDocument Resolve(ApiSpecSpec spec) => SpecDocumentResolver.Resolve(
        new V1Alpha1ApiSpec { Metadata = new V1ObjectMeta { Name = "shop", NamespaceProperty = "default" }, Spec = spec },
        (string ns, string name, out V1ConfigMap map) => _configMaps.TryGetValue($"{ns}/{name}", out map!));
}
