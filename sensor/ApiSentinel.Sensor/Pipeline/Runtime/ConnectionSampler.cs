using System.Security.Cryptography;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Pipeline.Runtime;

/// <summary>
/// Decides per connection whether it is sampled, from a keyed hash of its 4-tuple: the same connection always gets
/// the same answer (from either direction, and again if it is picked up anew after an eviction), and without the
/// key nobody can choose ports that dodge the sample.
/// <para>The key is one per process, shared by every sampler: the daemon runs a pipeline per interface (and the
/// Envoy access-log input beside them), and a connection seen on two interfaces must be sampled the same way on
/// both, not independently.</para>
/// </summary>
internal sealed class ConnectionSampler
{
    private static readonly ulong ProcessKey = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong)));

    /// <summary>True when the connection is in a sample of <paramref name="rate"/> (0 &lt; rate ≤ 1).</summary>
    public bool Admits(ConnectionInfo connection, double rate)
    {
        if (rate >= 1)
        {
            return true;
        }
        // Endpoint hashes are order-independent once sorted, so client/server roles (a guess on mid-stream pickups)
        // do not matter.
        uint a = (uint)connection.Client.GetHashCode();
        uint b = (uint)connection.Server.GetHashCode();
        ulong pair = a <= b ? ((ulong)a << 32) | b : ((ulong)b << 32) | a;
        ulong hash = Mix(pair ^ ProcessKey);
        // The top 53 bits as a fraction in [0, 1).
        return (hash >> 11) * (1.0 / (1UL << 53)) < rate;
    }

    /// <summary>SplitMix64's finaliser: every input bit reaches every output bit.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
