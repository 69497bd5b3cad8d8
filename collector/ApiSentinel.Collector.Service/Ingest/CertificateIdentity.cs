using System.Security.Cryptography.X509Certificates;

namespace ApiSentinel.Collector.Service.Ingest;

/// <summary>
/// Who a trusted client certificate says the sensor is: its subject CN or one of its DNS subject alternative names.
/// With mTLS a sensor's Hello.sensor_id must be one of them, so one sensor's certificate cannot report as another.
/// (With the shared bearer token there is no such check: any token holder can claim any sensor id.)
/// </summary>
public static class CertificateIdentity
{
    public static bool Names(X509Certificate2 certificate, string sensorId)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(sensorId);
        if (string.Equals(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false), sensorId, StringComparison.Ordinal))
        {
            return true;
        }
        // DNS names compare without case, as DNS does.
        return certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(san => san.EnumerateDnsNames())
            .Any(dns => string.Equals(dns, sensorId, StringComparison.OrdinalIgnoreCase));
    }
}
