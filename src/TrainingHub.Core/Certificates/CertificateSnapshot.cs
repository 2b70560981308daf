using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrainingHub.Core.Certificates;

/// <summary>
/// Everything a certificate or transcript says, frozen at issue and stored as JSON in <see cref="Certificate.SnapshotJson"/>.
/// The renderer draws only this, so printing it again years later, or attaching it to an email, gives the same bytes.
/// </summary>
public sealed record CertificateSnapshot
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Kind { get; init; } = nameof(CertificateKind.Completion);
    public string Language { get; init; } = Common.Languages.Portuguese;
    public required string HolderName { get; init; }
    public required string HolderCpfMasked { get; init; }

    public string? CourseTitle { get; init; }
    public string? OfferingCode { get; init; }
    public string? Programme { get; init; }
    public int WorkloadMinutes { get; init; }
    public DateOnly? StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
    public string? Modality { get; init; }
    public string? Syllabus { get; init; }

    /// <summary>Participation certificates: what the series is (<see cref="Catalog.SeriesKind"/>), its title, and for a whole-series certificate the sessions attended of its total. Absent from other documents' JSON.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SeriesKind { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SeriesTitle { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SessionsAttended { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SessionsTotal { get; init; }

    public required string Issuer { get; init; }
    public string? IssuerCnpj { get; init; }
    public IReadOnlyList<Signatory> Signatories { get; init; } = [];
    public required string Place { get; init; }

    /// <summary>The issue date in São Paulo (what the document prints).</summary>
    public DateOnly IssuedOn { get; init; }

    /// <summary>The issue instant (UTC, whole seconds): the PDF's creation date.</summary>
    public DateTime IssuedAt { get; init; }

    public required string VerificationCode { get; init; }
    public required string VerificationUrl { get; init; }
    public DateOnly? ValidUntil { get; init; }

    /// <summary>Transcripts: the period and every credited line in it.</summary>
    public DateOnly? PeriodFrom { get; init; }
    public DateOnly? PeriodTo { get; init; }
    public IReadOnlyList<TranscriptLine> Lines { get; init; } = [];
    public int TotalMinutes { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static CertificateSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<CertificateSnapshot>(json, Json) ?? throw new InvalidDataException("Empty certificate snapshot.");

    /// <summary>SHA-256 of the content without code, URL and issue date: equal for two documents that state the same.</summary>
    public string ContentHash()
    {
        var neutral = this with { VerificationCode = "", VerificationUrl = "", IssuedOn = default, IssuedAt = default, ValidUntil = null };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(neutral.ToJson())));
    }

    /// <summary>
    /// The public verification address for a code: {App:PublicUrl}/verify/{code}. Never a guessed address: issuing
    /// paths refuse first (<see cref="IssueSettings.HasPublicUrl"/>), so reaching here without one is a bug.
    /// </summary>
    public static string UrlFor(string? publicUrl, string code) =>
        IssueSettings.IsPublicUrl(publicUrl)
            ? $"{publicUrl!.TrimEnd('/')}/verify/{code}"
            : throw new InvalidOperationException("App:PublicUrl is not set: a certificate cannot be issued without its public verification address.");
}

/// <summary>One class or webinar series on a transcript: its credited minutes within the period.</summary>
public sealed record TranscriptLine(string Title, string Code, bool IsWebinar, string? Programme, DateOnly From, DateOnly To, int Sessions, int CreditedMinutes);
