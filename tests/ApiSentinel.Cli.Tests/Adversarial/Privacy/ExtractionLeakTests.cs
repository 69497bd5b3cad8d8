namespace ApiSentinel.Cli.Tests.Adversarial.Privacy;

/// <summary>
/// Issue 6, items 1–5: raw values leaking through the sensor's extractor (JSON keys and form names, the Host
/// header, token-shaped names, userinfo in targets, credential names no rule covered). The same harness as
/// <see cref="PlantedMarkerTests"/>, one test per item, a pcap and a HAR with different seeds (each case is 12 runs of the real program).
/// </summary>
public sealed class ExtractionLeakTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("apisentinel-leaks-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<int, string> Cases() => new() { { 3, "Pcap" }, { 404, "Har" } };

    public static TheoryData<int> PcapOnly() => new() { 3, 404 };

    private void AssertNoLeak(Placement placement, int seed, string input) =>
        OutputChannels.AssertNone(OutputChannels.Leaks(Placement.Traffic(seed, [placement]), Enum.Parse<OutputChannels.Input>(input), _dir));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Item1_data_in_json_object_keys_and_form_field_names_never_leaks(int seed, string input) =>
        AssertNoLeak(ExtractionLeakPlacements.JsonKeysAndFormNames, seed, input);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Item2_the_host_header_never_leaks_userinfo_or_data(int seed, string input) =>
        AssertNoLeak(ExtractionLeakPlacements.HostHeader, seed, input);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Item3_token_shaped_secrets_in_names_never_leak(int seed, string input) =>
        AssertNoLeak(ExtractionLeakPlacements.TokenShapedNames, seed, input);

    /// <summary>These targets exist only on the wire: a HAR entry has an absolute URL, which a browser parses first.</summary>
    [Theory]
    [MemberData(nameof(PcapOnly))]
    public void Item4_userinfo_in_any_target_form_never_leaks(int seed) =>
        AssertNoLeak(ExtractionLeakPlacements.UserinfoInTargets, seed, "Pcap");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Item5_credential_names_and_hidden_card_numbers_never_leak(int seed, string input) =>
        AssertNoLeak(ExtractionLeakPlacements.CredentialNames, seed, input);
}
