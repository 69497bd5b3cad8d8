namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>What a field's name says its value is. Internal: callers see it as a type name via <see cref="SensitiveDataScanner.ClassifyFieldName"/>.</summary>
internal enum FieldContext
{
    None,
    Password,
    Secret,
    /// <summary>"token"-named fields: often secrets, but also CSRF or correlation tokens, hence weaker than <see cref="Secret"/>.</summary>
    Token,
    AwsSecret,
    Card,
    CardSecurityCode,
    Ssn,
    Iban,
    Email,
    Phone,
    DateOfBirth,
}
