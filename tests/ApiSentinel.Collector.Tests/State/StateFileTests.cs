using System.Buffers.Binary;
using System.Text;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Tests.State;

/// <summary>
/// The state file's guarantees: export → import → export is byte-identical and exporting changes nothing; every
/// truncation, random corruption, a foreign or newer file, and a state from other options is one
/// <see cref="CatalogStateException"/> with a one-line message that holds nothing of the content.
/// </summary>
public sealed class StateFileTests
{
    private static byte[] SmallState()
    {
        var catalog = StateHarness.Ingest(GeneratedTraffic.Calls(seed: 3, count: 60), StateHarness.Options());
        return StateHarness.Export(catalog);
    }

    [Fact]
    public void Export_import_export_is_byte_identical()
    {
        var catalog = StateHarness.Ingest(GeneratedTraffic.Calls(seed: 11, count: 1500), StateHarness.Options());
        var first = StateHarness.Export(catalog);
        Assert.Equal(first, StateHarness.Export(catalog));
        var again = StateHarness.Export(StateHarness.Import(first, StateHarness.Options()));
        Assert.Equal(first, again);

        catalog.Build();
        var built = StateHarness.Export(catalog);
        Assert.Equal(built, StateHarness.Export(StateHarness.Import(built, StateHarness.Options())));
    }

    [Fact]
    public void An_empty_catalog_round_trips()
    {
        var empty = StateHarness.Export(new ApiCatalog(StateHarness.Options()));
        var imported = StateHarness.Import(empty, StateHarness.Options());
        Assert.Equal(0, imported.EndpointCount);
        Assert.Equal(empty, StateHarness.Export(imported));
    }

    [Fact]
    public void Every_truncation_is_one_clear_error()
    {
        var state = SmallState();
        for (var length = 0; length < state.Length; length++)
        {
            var error = Assert.Throws<CatalogStateException>(() => StateHarness.Import(state[..length], StateHarness.Options()));
            AssertOneLine(error);
        }
    }

    [Fact]
    public void Random_corruption_is_one_clear_error()
    {
        var state = SmallState();
        var random = new Random(5);
        for (var trial = 0; trial < 400; trial++)
        {
            var damaged = (byte[])state.Clone();
            var flips = 1 + random.Next(4);
            for (var i = 0; i < flips; i++)
            {
                damaged[random.Next(damaged.Length)] ^= (byte)(1 + random.Next(255));
            }
            var error = Assert.Throws<CatalogStateException>(() => StateHarness.Import(damaged, StateHarness.Options()));
            AssertOneLine(error);
        }
    }

    [Fact]
    public void A_crafted_payload_with_a_valid_checksum_is_still_refused_cleanly()
    {
        // Rewrites the payload with garbage and recomputes the checksum: only the payload reader stands in the way.
        var state = SmallState();
        var random = new Random(9);
        for (var trial = 0; trial < 300; trial++)
        {
            var payload = state[StateFormat.HeaderLength..^StateFormat.ChecksumLength];
            for (var i = 0; i < 1 + random.Next(6); i++)
            {
                payload[random.Next(payload.Length)] = (byte)random.Next(256);
            }
            var error = Record.Exception(() => StateHarness.Import(Reseal(state, payload), StateHarness.Options()));
            // A change that still parses is a valid (different) state; anything else must be the one exception type.
            if (error is not null)
            {
                Assert.IsType<CatalogStateException>(error);
                AssertOneLine(error);
            }
        }
    }

    [Fact]
    public void A_hostile_length_allocates_nothing_it_does_not_hold()
    {
        var state = SmallState();
        var header = state[..StateFormat.HeaderLength];
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(18), StateFormat.MaxPayloadBytes);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<CatalogStateException>(() => StateHarness.Import([.. header, 1, 2, 3], StateHarness.Options()));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "a 1 GiB claim must not be allocated up front");

        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(18), StateFormat.MaxPayloadBytes + 1);
        Assert.Contains("payload length", Assert.Throws<CatalogStateException>(() => StateHarness.Import(header, StateHarness.Options())).Message, StringComparison.Ordinal);

        // A count claiming more items than bytes are left, under a valid checksum.
        var payload = new byte[] { 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x07 };
        var counted = Assert.Throws<CatalogStateException>(() => StateHarness.Import(Reseal(state, payload), StateHarness.Options()));
        Assert.Contains("corrupt", counted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Foreign_newer_and_empty_files_are_named_as_such()
    {
        Assert.Equal("not a catalog state file", Assert.Throws<CatalogStateException>(() => StateHarness.Import([], StateHarness.Options())).Message);
        Assert.Equal("not a catalog state file", Assert.Throws<CatalogStateException>(() => StateHarness.Import(Encoding.UTF8.GetBytes("{\"endpoints\":[]}"), StateHarness.Options())).Message);

        var newer = SmallState();
        BinaryPrimitives.WriteUInt16LittleEndian(newer.AsSpan(8), StateFormat.Version + 1);
        var error = Assert.Throws<CatalogStateException>(() => StateHarness.Import(newer, StateHarness.Options()));
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);

        var older = SmallState();
        BinaryPrimitives.WriteUInt16LittleEndian(older.AsSpan(8), StateFormat.OldestReadable - 1);
        var old = Assert.Throws<CatalogStateException>(() => StateHarness.Import(older, StateHarness.Options()));
        Assert.Contains("older", old.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_from_other_state_shaping_options_is_refused()
    {
        var state = SmallState();
        var other = StateHarness.Options();
        other.ClientsTrackedPerEndpoint = 8;
        var error = Assert.Throws<CatalogStateException>(() => StateHarness.Import(state, other));
        Assert.Contains("other catalog options", error.Message, StringComparison.Ordinal);

        var windows = StateHarness.Options();
        windows.Findings.ScannerWindowMicros *= 2;
        Assert.Throws<CatalogStateException>(() => StateHarness.Import(state, windows));

        var templating = StateHarness.Options();
        templating.Templating = new ApiSentinel.Collector.Templating.TemplatingOptions { MaxNodesPerHost = 5_000 };
        Assert.Throws<CatalogStateException>(() => StateHarness.Import(state, templating));
    }

    [Fact]
    public void Build_time_options_may_change_between_export_and_import()
    {
        // Risk weights, the token-proliferation threshold and the clock shape only what Build() computes.
        var state = SmallState();
        var other = StateHarness.Options();
        other.TokenProliferationThreshold = 3;
        other.RiskWeights = new ApiSentinel.Collector.Risk.RiskWeights();
        other.TimeProvider = TimeProvider.System;
        Assert.Equal(state, StateHarness.Export(StateHarness.Import(state, other)));
    }

    [Fact]
    public void Every_option_property_is_in_the_fingerprint_or_named_build_time_only()
    {
        var text = OptionsFingerprint.Describe(new CatalogOptions());
        foreach (var name in new[] { "ClientsTrackedPerEndpoint", "MaxHosts", "MaxMethodsPerHost", "MaxEndpoints", "ClusterCidrs", "Templating.MaxNodesPerHost", "Findings.MaxSources", "Findings.ScannerWindowMicros" })
        {
            Assert.Contains(name + "=", text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("RiskWeights", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_state_holds_no_raw_values_only_what_the_catalog_received()
    {
        // The catalog receives structure and keyed fingerprints; a marker that never reaches it cannot be in the state.
        const string marker = "Zq9secretMARKER";
        var calls = GeneratedTraffic.Calls(seed: 4, count: 200);
        var state = StateHarness.Export(StateHarness.Ingest(calls, StateHarness.Options()));
        Assert.DoesNotContain(marker, Encoding.UTF8.GetString(state), StringComparison.Ordinal);
        var error = Assert.Throws<CatalogStateException>(() => StateHarness.Import([.. state[..^20], .. Encoding.UTF8.GetBytes(marker)], StateHarness.Options()));
        Assert.DoesNotContain(marker, error.Message, StringComparison.Ordinal);
    }

    private static byte[] Reseal(byte[] state, byte[] payload)
    {
        using var output = new MemoryStream();
        var fingerprint = BinaryPrimitives.ReadUInt64LittleEndian(state.AsSpan(10));
        StateFile.Write(output, fingerprint, writer => WriteRaw(writer, payload));
        return output.ToArray();
    }

    private static void WriteRaw(StateWriter writer, byte[] payload)
    {
        foreach (var b in payload)
        {
            // WriteBool writes one raw byte for 0/1; any byte goes through the same stream via WriteUInt for < 0x80.
            if (b < 0x80)
            {
                writer.WriteUInt(b);
            }
            else
            {
                writer.WriteRawByte(b);
            }
        }
    }

    private static void AssertOneLine(Exception error)
    {
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.DoesNotContain('\n', error.Message);
    }
}
