using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using ApiSentinel.Sensor.Buffers;

namespace ApiSentinel.Sensor.Tests.Buffers;

/// <summary>A payload-bearing array goes back to its pool with no planted byte left in what was used.</summary>
public sealed partial class PayloadBuffersTests
{
    /// <summary>Records, at the moment of return, what the array still held.</summary>
    private sealed class InspectingPool : ArrayPool<byte>
    {
        public byte[]? Returned { get; private set; }

        public byte[] Snapshot { get; private set; } = [];

        public override byte[] Rent(int minimumLength) => new byte[minimumLength + 13]; // longer than asked, like buckets

        public override void Return(byte[] array, bool clearArray = false)
        {
            Returned = array;
            Snapshot = (byte[])array.Clone();
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(1460)]
    public void The_used_prefix_is_wiped_before_the_pool_sees_it(int used)
    {
        var pool = new InspectingPool();
        var buffer = pool.Rent(used);
        buffer.AsSpan().Fill(0xA5); // the planted payload, past the used length too (an earlier tenant's wiped bytes are zero)
        PayloadBuffers.ReturnWiped(pool, buffer, used);
        Assert.Same(buffer, pool.Returned);
        Assert.DoesNotContain((byte)0xA5, pool.Snapshot.AsSpan(0, used).ToArray());
        Assert.All(pool.Snapshot.AsSpan(used).ToArray(), b => Assert.Equal(0xA5, b)); // only what was used is paid for
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void A_used_length_out_of_range_is_clamped_not_thrown(int used)
    {
        var pool = new InspectingPool();
        var buffer = pool.Rent(8);
        buffer.AsSpan().Fill(0xA5);
        PayloadBuffers.ReturnWiped(pool, buffer, used);
        Assert.Same(buffer, pool.Returned);
    }

    /// <summary>
    /// The class of defect, not one site: no sensor code hands a byte or char array back to a pool except through
    /// <see cref="PayloadBuffers"/>, so a new buffer cannot silently skip the wipe.
    /// </summary>
    [Fact]
    public void No_sensor_code_returns_a_pooled_array_but_through_the_wiping_helper()
    {
        var sensor = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", "..", "sensor", "ApiSentinel.Sensor"));
        Assert.True(Directory.Exists(sensor), sensor);
        var helper = Path.Combine(sensor, "Buffers", "PayloadBuffers.cs");
        var offenders = Directory.EnumerateFiles(sensor, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && f != helper)
            .Where(f => PoolReturn().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(sensor, f))
            .ToList();
        Assert.Empty(offenders);
    }

    [GeneratedRegex(@"ArrayPool<(byte|char)>\.Shared\.Return\(")]
    private static partial Regex PoolReturn();

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
