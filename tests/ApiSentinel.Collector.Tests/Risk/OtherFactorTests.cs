using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Risk;

namespace ApiSentinel.Collector.Tests.Risk;

public sealed class OtherFactorTests
{
    private static RiskFactor Sensitive(params (string Type, string Location)[] items) =>
        Inputs.Assess(Inputs.Clean() with { SensitiveData = items.Select(i => new SensitiveExposure(i.Type, i.Location, 1, 1)).ToList() },
            RiskFactorNames.SensitiveData);

    // One occurrence (volume 0.6) to internal clients only (exposure 0.75): 25 × 0.45 = 11.25 × type × direction.
    [Theory]
    [InlineData("us-ssn", "response.body.$.ssn", 11.25)]
    [InlineData("us-ssn", "request.body.$.ssn", 9)] // regulated data received: PCI / breach scope, 0.8
    [InlineData("credit-card", "request.body.$.cardNumber", 9)]
    [InlineData("iban", "request.body.$.iban", 9)]
    [InlineData("password", "request.body.password", 5.6)] // a credential received is a login's normal work, 0.5
    [InlineData("credit-card", "response.body.$.pan", 11.25)]
    [InlineData("private-key", "response.body.$.key", 11.25)]
    [InlineData("email", "response.body.$.email", 4.5)]
    [InlineData("email", "request.body.$.email", 2.25)]
    [InlineData("phone-number", "response.body.$.phone", 3.4)]
    [InlineData("date-of-birth", "response.body.$.dob", 6.75)]
    [InlineData("my-custom-id", "response.body.$.x", 6.75)]
    [InlineData("us-ssn", "somewhere", 11.25)] // unknown direction is assumed the worse one
    public void Sensitive_data_scores_by_type_and_direction(string type, string location, double points)
    {
        var factor = Sensitive((type, location));
        Assert.Equal(points, factor.Points, 1);
        Assert.Equal($"{type} {(location.StartsWith("request", StringComparison.Ordinal) ? "received" : "returned")} at {location} (1 in 1 calls)", factor.Evidence);
    }

    [Fact]
    public void Type_order_is_secrets_and_identity_above_email_above_phone()
    {
        string[] order = ["us-ssn", "credit-card", "private-key", "aws-secret-key", "email", "phone-number"];
        var points = order.Select(t => Sensitive((t, "response.body.$.x")).Points).ToList();
        for (var i = 1; i < points.Count; i++)
        {
            Assert.True(points[i - 1] >= points[i], $"{order[i - 1]} must not score below {order[i]}");
        }
        Assert.True(points[3] > points[4] && points[4] > points[5]);
    }

    [Fact]
    public void Each_extra_sensitive_type_adds_a_little()
    {
        var factor = Sensitive(("email", "response.body.$.email"), ("phone-number", "response.body.$.phone"), ("email", "request.body.$.email"));
        Assert.Equal(7, factor.Points); // 0.4 × 0.6 × 0.75 = 0.18, + 0.1 × 1 extra type = 0.28
        Assert.StartsWith("email returned at response.body.$.email (1 in 1 calls); phone-number returned", factor.Evidence, StringComparison.Ordinal);
        Assert.Equal("returns email", factor.Summary);
    }

    [Fact]
    public void Volume_grows_gently_and_saturates_at_a_thousand_occurrences()
    {
        double At(long occurrences) => Inputs.Assess(Inputs.Clean() with
        {
            SensitiveData = [new SensitiveExposure("us-ssn", "response.body.$[*].ssn", Math.Max(1, occurrences / 16), occurrences)],
        }, RiskFactorNames.SensitiveData).Points;
        long[] volumes = [1, 2, 10, 100, 500, 1000, 1_000_000];
        var scores = volumes.Select(At).ToList();
        for (var i = 1; i < scores.Count; i++)
        {
            Assert.True(scores[i] >= scores[i - 1], $"{volumes[i]} occurrences scored below {volumes[i - 1]}");
        }
        Assert.True(scores[1] > scores[0] && scores[3] > scores[2] && scores[5] > scores[4]);
        Assert.Equal(scores[5], scores[6]); // saturated
        Assert.Equal(18.75, scores[5], 2);  // 25 × 1 × 1 × 1 × 0.75 (internal)
    }

    [Fact]
    public void A_bulk_ssn_list_to_external_clients_outranks_one_test_card_in_a_script()
    {
        var bulk = Inputs.Clean() with
        {
            SensitiveData = [new SensitiveExposure("us-ssn", "response.body.$[*].ssn", 200, 3200)],
            ExternalClientCalls = 200, InternalClientCalls = 0,
        };
        var card = Inputs.Clean() with
        {
            SensitiveData = [new SensitiveExposure("credit-card", "response.body", 1, 1)],
            ExternalClientCalls = 0, InternalClientCalls = 0, UnknownClientCalls = 1, StaticAsset = true,
        };
        var bulkPoints = Inputs.Assess(bulk, RiskFactorNames.SensitiveData).Points;
        var cardPoints = Inputs.Assess(card, RiskFactorNames.SensitiveData).Points;
        Assert.Equal(25, bulkPoints);
        Assert.True(cardPoints < bulkPoints / 2, $"{cardPoints} vs {bulkPoints}");
    }

    [Fact]
    public void Data_returned_outranks_the_same_data_received_and_external_outranks_internal()
    {
        SensitiveExposure[] returned = [new("credit-card", "response.body.$.pan", 10, 10)];
        SensitiveExposure[] received = [new("credit-card", "request.body.$.pan", 10, 10)];
        var internalReturned = Inputs.Assess(Inputs.Clean() with { SensitiveData = returned }, RiskFactorNames.SensitiveData).Points;
        var internalReceived = Inputs.Assess(Inputs.Clean() with { SensitiveData = received }, RiskFactorNames.SensitiveData).Points;
        var externalReturned = Inputs.Assess(Inputs.Clean() with { SensitiveData = returned, ExternalClientCalls = 100, InternalClientCalls = 0 },
            RiskFactorNames.SensitiveData).Points;
        var unknownReturned = Inputs.Assess(Inputs.Clean() with { SensitiveData = returned, InternalClientCalls = 0, UnknownClientCalls = 100 },
            RiskFactorNames.SensitiveData).Points;
        Assert.True(internalReturned > internalReceived);
        Assert.True(externalReturned > internalReturned);
        Assert.Equal(internalReturned, unknownReturned); // an unknown client is not scored as exposure
    }

    [Fact]
    public void No_sensitive_data_scores_nothing()
    {
        var factor = Sensitive();
        Assert.Equal(0, factor.Points);
        Assert.Equal("no sensitive data observed", factor.Evidence);
    }

    [Theory]
    [InlineData(true, 5, 2.5, "clear-text HTTP, 5 calls from external clients; carries no credential or sensitive data")]
    [InlineData(true, 0, 1.25, "clear-text HTTP between internal clients only; carries no credential or sensitive data")]
    [InlineData(false, 5, 0, "no clear-text calls observed")]
    public void Transport_scores_clear_text_worse_when_external(bool plaintext, long external, double points, string evidence)
    {
        var factor = Inputs.Assess(Inputs.Clean() with { Plaintext = plaintext, ExternalClientCalls = external }, RiskFactorNames.Transport);
        Assert.Equal(points, factor.Points);
        Assert.Equal(evidence, factor.Evidence);
    }

    /// <summary>Clear text weighs what it carries: credentials or top-severity data in full, lesser data by severity.</summary>
    [Theory]
    [InlineData("mtls", null, 1.25, "no credential or sensitive data")]
    [InlineData("none", null, 1.25, "no credential or sensitive data")]
    [InlineData("none", "phone-number", 1.5, "phone-number")]
    [InlineData("mtls", "email", 2, "email")]
    [InlineData("none", "date-of-birth", 3, "date-of-birth")]
    [InlineData("basic", null, 5, "credentials")]
    [InlineData("jwt", "email", 5, "credentials")]
    [InlineData("none", "credit-card", 5, "credit-card")]
    [InlineData("api-key", "password", 5, "password")]
    public void Transport_grows_with_what_clear_text_carries(string auth, string? type, double points, string carried)
    {
        var inputs = Inputs.Clean() with
        {
            Plaintext = true,
            AuthKinds = new Dictionary<string, long> { [auth] = 100 },
            SensitiveData = type is null ? [] : [new SensitiveExposure(type, "request.body.$.x", 1, 1)],
        };
        var factor = Inputs.Assess(inputs, RiskFactorNames.Transport);
        Assert.Equal(points, factor.Points);
        Assert.EndsWith("; carries " + carried, factor.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 100, 0, "no external clients (100 internal calls)")]
    [InlineData(50, 50, 11.25, "50 of 100 calls from external clients (50%)")]
    [InlineData(100, 0, 15, "100 of 100 calls from external clients (100%)")]
    public void Exposure_grows_with_the_external_share(long external, long internalCalls, double points, string evidence)
    {
        var factor = Inputs.Assess(Inputs.Clean() with { ExternalClientCalls = external, InternalClientCalls = internalCalls }, RiskFactorNames.Exposure);
        Assert.Equal(points, factor.Points);
        Assert.Equal(evidence, factor.Evidence);
    }

    [Theory]
    [InlineData(0, 0, 100, 0, "client addresses unknown for all 100 calls: exposure not observed")]
    [InlineData(0, 60, 40, 0, "no external clients (60 internal calls); 40 calls without a client address (exposure unknown)")]
    [InlineData(30, 30, 40, 11.25, "30 of 60 calls from external clients (50%); 40 calls without a client address (exposure unknown)")]
    public void Unknown_clients_are_never_exposure(long external, long internalCalls, long unknown, double points, string evidence)
    {
        var inputs = Inputs.Clean() with { ExternalClientCalls = external, InternalClientCalls = internalCalls, UnknownClientCalls = unknown, Plaintext = true };
        var factor = Inputs.Assess(inputs, RiskFactorNames.Exposure);
        Assert.Equal(points, factor.Points);
        Assert.Equal(evidence, factor.Evidence);
        var transport = Inputs.Assess(inputs, RiskFactorNames.Transport);
        Assert.Equal(external > 0 ? 2.5 : 1.25, transport.Points); // nothing sensitive carried: a quarter of the reach
        Assert.DoesNotContain("external", transport.Evidence.Replace("from external clients", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("conformant", 0, 0)]
    [InlineData("no-spec", 0, 3)]
    [InlineData("non-conformant", 3, 5.5)]
    [InlineData("non-conformant", 50, 8)]
    [InlineData("shadow", 0, 8)]
    [InlineData("zombie", 0, 10)]
    [InlineData("bogus", 0, 3)]
    public void Spec_state_scores(string state, int violations, double points)
    {
        var factor = Inputs.Assess(Inputs.Clean() with { SpecState = state, ViolationCount = violations }, RiskFactorNames.SpecConformance);
        Assert.Equal(points, factor.Points);
        Assert.False(string.IsNullOrEmpty(factor.Evidence));
    }

    [Fact]
    public void Findings_score_by_their_worst_severity_plus_a_little_each()
    {
        Finding[] findings =
        [
            Inputs.Finding(FindingKinds.Enumeration, FindingSeverities.Medium, "198.51.100.4"),
            Inputs.Finding(FindingKinds.Scanner, FindingSeverities.High, "198.51.100.9"),
        ];
        var factor = Inputs.Assess(Inputs.Clean() with { Findings = findings }, RiskFactorNames.ObservedAttacks);
        Assert.Equal(18, factor.Points); // 0.8 + 0.1
        Assert.Equal("scanner (high) from 198.51.100.9; enumeration (medium) from 198.51.100.4", factor.Evidence);
    }

    [Theory]
    [InlineData(FindingSeverities.Low, 5)]
    [InlineData(FindingSeverities.Medium, 10)]
    [InlineData(FindingSeverities.High, 16)]
    [InlineData(FindingSeverities.Critical, 20)]
    public void One_finding_scores_by_severity(string severity, double points)
    {
        var inputs = Inputs.Clean() with { Findings = [Inputs.Finding(FindingKinds.AuthFailureBurst, severity, "192.0.2.1")] };
        Assert.Equal(points, Inputs.Assess(inputs, RiskFactorNames.ObservedAttacks).Points);
    }

    [Fact]
    public void A_clean_endpoint_lists_every_factor_at_zero_with_evidence()
    {
        var assessment = RiskModel.Assess(Inputs.Clean(), new RiskWeights());
        Assert.Equal(0, assessment.Score);
        Assert.Equal(RiskLevels.None, assessment.Level);
        Assert.Equal(RiskFactorNames.All, assessment.Factors.Select(factor => factor.Name));
        Assert.All(assessment.Factors, factor =>
        {
            Assert.Equal(0, factor.Points);
            Assert.False(string.IsNullOrWhiteSpace(factor.Evidence));
        });
    }
}
