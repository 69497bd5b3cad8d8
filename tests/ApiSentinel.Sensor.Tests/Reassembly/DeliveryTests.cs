using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Reassembly;
using static ApiSentinel.Sensor.Tests.Reassembly.ReassemblyHarness;

namespace ApiSentinel.Sensor.Tests.Reassembly;

public sealed class DeliveryTests
{
    private const FlowDirection C2S = FlowDirection.ClientToServer;
    private const FlowDirection S2C = FlowDirection.ServerToClient;

    [Fact]
    public void In_order_segments_are_delivered_immediately_with_their_timestamps()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.Now += 10;
        harness.FromClient(1001, "GET ");
        harness.Now += 10;
        harness.FromClient(1005, "/ HTTP/1.1");

        Assert.Equal(["data C2S GET ", "data C2S / HTTP/1.1"], harness.Last.Events);
        Assert.Equal(harness.Now, harness.Last.Timestamps[^1]);
        Assert.Equal(harness.Now - 10, harness.Last.Timestamps[0]);
        Assert.Equal(0, harness.Counters.OutOfOrderSegments);
        Assert.Equal(0, harness.Counters.BufferedBytes);
    }

    [Fact]
    public void Reverse_order_segments_are_held_until_the_hole_fills()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.FromClient(1007, "ghi");
        harness.FromClient(1004, "def");
        Assert.Empty(harness.Last.Events);
        Assert.Equal(6, harness.Counters.BufferedBytes);

        harness.FromClient(1001, "abc");

        Assert.Equal(["data C2S abc", "data C2S def", "data C2S ghi"], harness.Last.Events);
        Assert.Equal(2, harness.Counters.OutOfOrderSegments);
        Assert.Equal(0, harness.Counters.BufferedBytes);
        Assert.Equal(0, harness.Counters.Gaps);
    }

    [Fact]
    public void Directions_reassemble_independently_when_interleaved()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.FromServer(5004, "456");
        harness.FromClient(1004, "def");
        harness.FromServer(5001, "123");
        harness.FromClient(1001, "abc");

        Assert.Equal("abcdef", harness.Last.Text(C2S));
        Assert.Equal("123456", harness.Last.Text(S2C));
        Assert.Equal(["data S2C 123", "data S2C 456", "data C2S abc", "data C2S def"], harness.Last.Events);
    }

    [Fact]
    public void Retransmissions_are_counted_and_dropped()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.FromClient(1001, "abc");
        harness.FromClient(1001, "abc");
        harness.FromClient(1007, "ghi");
        harness.FromClient(1007, "ghi"); // a duplicate of buffered data is a retransmission too
        harness.FromClient(1004, "def");

        Assert.Equal("abcdefghi", harness.Last.Text(C2S));
        Assert.Equal(2, harness.Counters.RetransmittedSegments);
        Assert.Equal(0, harness.Counters.OverlapBytesTrimmed);
    }

    [Fact]
    public void Overlap_with_delivered_data_is_trimmed()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.FromClient(1001, "abcdef");
        harness.FromClient(1004, "XYZghi");

        Assert.Equal("abcdefghi", harness.Last.Text(C2S));
        Assert.Equal(3, harness.Counters.OverlapBytesTrimmed);
    }

    [Fact]
    public void Overlap_with_buffered_data_keeps_the_first_seen_bytes()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.FromClient(1004, "def");
        harness.FromClient(1010, "jkl");
        // Covers the hole below, the first buffered piece, the hole between and part of the second piece.
        harness.FromClient(1001, "abcDEFghiJ");

        Assert.Equal("abcdefghijkl", harness.Last.Text(C2S));
        Assert.Equal(4, harness.Counters.OverlapBytesTrimmed);
        Assert.Equal(0, harness.Counters.BufferedBytes);
    }

    [Fact]
    public void Out_of_order_segment_overlapping_buffered_pieces_fills_only_the_holes_between_them()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.FromClient(1004, "d");
        harness.FromClient(1007, "g");
        harness.FromClient(1003, "CDEFGH"); // keeps c, e, f, h
        Assert.Equal(6, harness.Counters.BufferedBytes);

        harness.FromClient(1001, "ab");

        Assert.Equal("abcdefgh", harness.Last.Text(C2S).ToLowerInvariant());
        Assert.Equal("abCdEFgH", harness.Last.Text(C2S));
        Assert.Equal(2, harness.Counters.OverlapBytesTrimmed);
    }

    [Theory]
    [InlineData(uint.MaxValue)]      // SYN is the last number: data starts at 0
    [InlineData(uint.MaxValue - 3)]  // data crosses the wrap
    [InlineData(uint.MaxValue - 5)]
    public void Sequence_numbers_wrap(uint clientIsn)
    {
        var harness = new ReassemblyHarness();
        harness.Handshake(clientIsn, serverIsn: 7);
        uint first = unchecked(clientIsn + 1);
        harness.FromClient(unchecked(first + 8), "ijkl");
        harness.FromClient(unchecked(first + 4), "efgh");
        harness.FromClient(first, "abcd");
        harness.FromClient(unchecked(first + 2), "cdef"); // retransmission across the wrap
        harness.Send(Client, Server, unchecked(first + 12), TcpFlags.Fin);

        Assert.Equal("abcdefghijkl", harness.Last.Text(C2S));
        Assert.Equal("eos C2S", harness.Last.Events[^1]);
        Assert.Equal(1, harness.Counters.RetransmittedSegments);
        Assert.Equal(0, harness.Counters.Gaps);
    }

    [Fact]
    public void Syn_with_payload_starts_data_after_the_syn()
    {
        var harness = new ReassemblyHarness();
        harness.Send(Client, Server, 99, TcpFlags.Syn, "fast open"u8.ToArray());
        Assert.Equal("fast open", harness.Last.Text(C2S));
    }

    [Fact]
    public void Buffered_data_is_delivered_with_the_timestamp_of_the_segment_that_filled_the_hole()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.FromClient(1004, "def");
        harness.Now += 500;
        harness.FromClient(1001, "abc");

        Assert.Equal([harness.Now, harness.Now], harness.Last.Timestamps);
    }

    [Fact]
    public void Handler_exception_leaves_the_reassembler_consistent()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();
        harness.FromClient(1004, "def");
        harness.FromClient(1007, "ghi");
        harness.Last.ThrowOnNextData = true;

        Assert.Throws<InvalidOperationException>(() => harness.FromClient(1001, "abc"));
        // The bytes of the throwing call count as delivered; the rest is still buffered and accounted.
        Assert.Equal(6, harness.Counters.BufferedBytes);

        harness.FromClient(1001, "abc"); // a retransmission now
        harness.Send(Server, Client, 5001, TcpFlags.Ack, acknowledgment: 1010); // the server got everything
        Assert.Equal("defghi", harness.Last.Text(C2S));
        Assert.Equal(0, harness.Counters.BufferedBytes);
        Assert.Equal(0, harness.Counters.Gaps);

        harness.Reassembler.CloseAll(harness.Now);
        Assert.Equal(CloseReason.EndOfCapture, harness.Last.ClosedWith);
        Assert.Equal(0, harness.Counters.ActiveConnections);
    }
}
