namespace ApiSentinel.Contract;

/// <summary>
/// A named field and the kind of value it held: a query parameter (<c>limit</c>, <c>integer</c>) or a JSON body
/// field (<c>$.user.id</c>, <c>integer</c>). Kinds: <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>string</c>,
/// <c>uuid</c>, <c>date</c>, <c>date-time</c>, <c>email</c>, <c>array</c>, <c>object</c>, <c>null</c>, <c>empty</c>.
/// </summary>
public sealed record FieldObservation(string Name, string Kind);
