namespace ApiSentinel.Sensor.Reassembly;

/// <summary>Which half of a TCP connection a byte travelled on.</summary>
public enum FlowDirection : byte
{
    ClientToServer = 0,
    ServerToClient = 1,
}
