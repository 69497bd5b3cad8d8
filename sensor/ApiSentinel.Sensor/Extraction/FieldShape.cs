namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// A field and the kind of value it held: a query parameter (<c>limit</c>, <c>integer</c>) or a JSON body field
/// (<c>$.user.id</c>, <c>integer</c>). Instances are shared (<see cref="FieldShapePool"/>): records hold references.
/// </summary>
public sealed record FieldShape(string Name, string Kind);
