using ApiSentinel.Crds.ApiEndpoints;
using ApiSentinel.Crds.ApiSpecs;
using ApiSentinel.Crds.Defenders;
using ApiSentinel.FakeApiServer.Schema;

namespace ApiSentinel.Crds.Tests.Manifests;

/// <summary>
/// The manifests users apply: embedded with the types, valid for a real API server (structural, every field
/// described, CEL well-formed), named as the C# types say, and with printer columns that point at real fields.
/// </summary>
public sealed class ManifestTests
{
    public static TheoryData<string> Files => [.. CrdManifests.All];

    [Fact]
    public void Every_manifest_in_the_crds_folder_is_embedded_and_listed()
    {
        var onDisk = Directory.GetFiles(RepositoryRoot.Crds, "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal<IEnumerable<string>>(onDisk, CrdManifests.Embedded());
        Assert.Equal<IEnumerable<string>>(onDisk, CrdManifests.All.Order(StringComparer.Ordinal));
        foreach (var file in CrdManifests.All)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot.Crds, file)), CrdManifests.Text(file));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_manifest_is_a_valid_crd_with_a_description_on_every_field(string file)
    {
        var crd = CrdDocument.Load(file);
        var problems = StructuralSchema.CheckCrd(crd.Crd);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        var undescribed = StructuralSchema.MissingDescriptions(crd.Schema);
        Assert.True(undescribed.Count == 0, string.Join('\n', undescribed));
        Assert.Equal("apiextensions.k8s.io/v1", crd.Crd["apiVersion"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(CrdManifests.ApiEndpoints, V1Alpha1ApiEndpoint.KubeKind, V1Alpha1ApiEndpoint.KubePluralName, V1Alpha1ApiEndpoint.KubeSingularName, V1Alpha1ApiEndpointList.KubeKind)]
    [InlineData(CrdManifests.ApiSpecs, V1Alpha1ApiSpec.KubeKind, V1Alpha1ApiSpec.KubePluralName, V1Alpha1ApiSpec.KubeSingularName, V1Alpha1ApiSpecList.KubeKind)]
    [InlineData(CrdManifests.Defenders, V1Alpha1Defender.KubeKind, V1Alpha1Defender.KubePluralName, V1Alpha1Defender.KubeSingularName, V1Alpha1DefenderList.KubeKind)]
    public void Names_group_and_version_are_the_types_own(string file, string kind, string plural, string singular, string listKind)
    {
        var crd = CrdDocument.Load(file);
        Assert.Equal($"{plural}.{ApiSentinelApi.Group}", crd.Crd["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(ApiSentinelApi.Group, crd.Crd["spec"]!["group"]!.GetValue<string>());
        Assert.Equal("Namespaced", crd.Crd["spec"]!["scope"]!.GetValue<string>());
        Assert.Equal(ApiSentinelApi.Version, crd.Version["name"]!.GetValue<string>());
        Assert.True(crd.Version["served"]!.GetValue<bool>());
        Assert.True(crd.Version["storage"]!.GetValue<bool>());
        Assert.NotNull(crd.Version["subresources"]?["status"]);
        Assert.Equal(kind, crd.Names["kind"]!.GetValue<string>());
        Assert.Equal(plural, crd.Names["plural"]!.GetValue<string>());
        Assert.Equal(singular, crd.Names["singular"]!.GetValue<string>());
        Assert.Equal(listKind, crd.Names["listKind"]!.GetValue<string>());
        Assert.Equal([ApiSentinelApi.Category], crd.Names["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.NotEmpty(crd.Names["shortNames"]!.AsArray());
    }

    [Fact]
    public void Short_names_are_the_documented_ones_and_unique()
    {
        string[] ShortNames(string file) => [.. CrdDocument.Load(file).Names["shortNames"]!.AsArray().Select(n => n!.GetValue<string>())];
        Assert.Equal(["ae", "apiep"], ShortNames(CrdManifests.ApiEndpoints));
        Assert.Equal(["as"], ShortNames(CrdManifests.ApiSpecs));
        Assert.Equal(["dfd"], ShortNames(CrdManifests.Defenders));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_printer_column_points_at_a_schema_field_of_its_type(string file)
    {
        var crd = CrdDocument.Load(file);
        foreach (var column in crd.Columns)
        {
            var path = column["jsonPath"]!.GetValue<string>();
            Assert.StartsWith(".", path, StringComparison.Ordinal);
            var type = column["type"]!.GetValue<string>();
            Assert.NotNull(column["description"]);
            if (path == ".metadata.creationTimestamp")
            {
                Assert.Equal("date", type);
                continue;
            }
            var field = crd.At(path[1..]);
            Assert.True(field is not null, $"{file}: column {column["name"]} points at {path}, which the schema does not have");
            var fieldType = field!["type"]!.GetValue<string>();
            var expected = type switch
            {
                "date" => "string",
                "integer" => "integer",
                "number" => "number",
                "boolean" => "boolean",
                _ => "string",
            };
            Assert.Equal(expected, fieldType);
            if (type == "date")
            {
                Assert.Equal("date-time", field["format"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public void ApiEndpoint_columns_show_the_posture_and_keep_secondary_ones_for_wide()
    {
        var columns = CrdDocument.Load(CrdManifests.ApiEndpoints).Columns
            .Select(c => (Name: c["name"]!.GetValue<string>(), Priority: c["priority"]?.GetValue<long>() ?? 0)).ToList();
        Assert.Equal(["Host", "Method", "Path", "Risk", "Score", "Auth", "Sensitive", "Spec", "Last Seen", "Age"], columns.Select(c => c.Name));
        Assert.Equal(["Auth", "Sensitive", "Spec", "Last Seen"], columns.Where(c => c.Priority == 1).Select(c => c.Name));
    }

    [Fact]
    public void Defender_and_ApiSpec_columns_are_what_an_operator_reads_at_a_glance()
    {
        Assert.Equal(["Mode", "Desired", "Ready", "Age"], CrdDocument.Load(CrdManifests.Defenders).Columns.Select(c => c["name"]!.GetValue<string>()));
        Assert.Equal(["Parsed", "Endpoints", "Shadow", "Non-conformant", "Age"], CrdDocument.Load(CrdManifests.ApiSpecs).Columns.Select(c => c["name"]!.GetValue<string>()));
    }
}
