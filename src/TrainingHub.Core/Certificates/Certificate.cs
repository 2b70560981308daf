using TrainingHub.Core.People;

namespace TrainingHub.Core.Certificates;

public enum CertificateKind
{
    Completion,
    Transcript,

    /// <summary>Attendance at a session of a series, or at enough of its sessions (<see cref="Catalog.ParticipationRule"/>).</summary>
    Participation,
}

public enum CertificateStatus
{
    Valid,
    Revoked,
    Superseded,
}

/// <summary>
/// An issued document with a verification code. Its content is a stored snapshot, so printing it again never
/// changes it; a correction revokes or supersedes it. At most one valid certificate per enrolment.
/// </summary>
public class Certificate
{
    public int Id { get; set; }
    public CertificateKind Kind { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }

    /// <summary>The completed enrolment (completion certificates only).</summary>
    public int? EnrolmentId { get; set; }
    public Enrolment.Enrolment? Enrolment { get; set; }

    /// <summary>The series of a participation certificate.</summary>
    public int? OfferingId { get; set; }
    public Catalog.Offering? Offering { get; set; }

    /// <summary>The session of a per-session participation certificate; null for a certificate of the whole series.</summary>
    public int? SessionId { get; set; }
    public Catalog.Session? Session { get; set; }

    /// <summary>Unguessable, in readable groups from an unambiguous alphabet; unique.</summary>
    public required string VerificationCode { get; set; }

    public CertificateStatus Status { get; set; }

    /// <summary>JSON of what the document says; the renderer only draws it.</summary>
    public required string SnapshotJson { get; set; }

    /// <summary>The PDF rendered from the snapshot (null for certificates written before PDFs were stored).</summary>
    public CertificateDocument? Document { get; set; }

    public required string Language { get; set; }
    public DateTime IssuedAt { get; set; }
    public DateTime? ValidUntil { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevocationReason { get; set; }
    public int? SupersededById { get; set; }
    public Certificate? SupersededBy { get; set; }

    /// <summary>
    /// An administrator's decision to keep a certificate valid although a correction turned its enrolment into not
    /// completed (<see cref="CertificateReview"/>): when, why, and who. Cleared when a later correction puts it under
    /// review again.
    /// </summary>
    public DateTime? ReviewKeptAt { get; set; }
    public string? ReviewKeptReason { get; set; }
    public string? ReviewKeptBy { get; set; }

    /// <summary>Transcripts cover a period.</summary>
    public DateOnly? PeriodFrom { get; set; }
    public DateOnly? PeriodTo { get; set; }

    /// <summary>SHA-256 (hex) of what the document states apart from its code and issue date: a transcript asked for again with the same content is the same document.</summary>
    public string? ContentHash { get; set; }
}
