using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Certificates;

/// <summary>What the public verification page and API say about a code. Every miss has the same shape: Status "NotFound", everything else empty.</summary>
public sealed record VerificationResult(
    string Status,
    string? Kind,
    string? Code,
    string? HolderName,
    string? Course,
    int? WorkloadMinutes,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    string? Issuer,
    string? IssuerCnpj,
    DateOnly? IssuedOn,
    DateOnly? ValidUntil,
    DateTime? RevokedAt,
    string? RevocationReason,
    string? SupersededByCode,
    DateOnly? PeriodFrom,
    DateOnly? PeriodTo)
{
    public const string Valid = nameof(Valid);
    public const string Revoked = nameof(Revoked);
    public const string Superseded = nameof(Superseded);
    public const string Expired = nameof(Expired);

    /// <summary>Valid, but its enrolment was corrected to no longer completed (<see cref="CertificateReview"/>).</summary>
    public const string UnderReview = nameof(UnderReview);
    public const string NotFound = nameof(NotFound);

    public bool Found => Status != NotFound;

    public static VerificationResult Miss { get; } = new(NotFound, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
}

/// <summary>
/// Public verification of a certificate or transcript by its code (no sign-in). The input is normalised (case, spaces,
/// dashes, I/L/O read as 1/1/0). Every call does the same work: one lookup by the unique code index (a malformed
/// input looks up a code that is never issued) and then waits until <paramref name="minimumDuration"/> has passed, so
/// neither the answer's shape nor its timing tells an unknown code from a malformed one.
/// </summary>
public static class VerifyCertificate
{
    private const string NeverIssued = "0000-0000-0000-0000-000*";

    public static async Task<VerificationResult> HandleAsync(TrainingHubDbContext db, TimeProvider time, string? input, TimeSpan minimumDuration, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var started = Stopwatch.GetTimestamp();
        var code = VerificationCodes.Normalize(input) ?? NeverIssued;
        var row = await db.Certificates.AsNoTracking().Where(c => c.VerificationCode == code)
            .Select(c => new
            {
                c.Kind,
                c.Status,
                c.SnapshotJson,
                c.ValidUntil,
                c.RevokedAt,
                c.RevocationReason,
                c.ReviewKeptAt,
                Enrolment = c.Enrolment != null ? (Enrolment.EnrolmentStatus?)c.Enrolment.Status : null,
                SupersededBy = c.SupersededBy != null ? c.SupersededBy.VerificationCode : null,
            }).FirstOrDefaultAsync(ct);
        var result = VerificationResult.Miss;
        if (row is not null)
        {
            var s = CertificateSnapshot.FromJson(row.SnapshotJson);
            var now = time.GetUtcNow().UtcDateTime;
            var status = row.Status switch
            {
                CertificateStatus.Revoked => VerificationResult.Revoked,
                CertificateStatus.Superseded => VerificationResult.Superseded,
                _ when row.ValidUntil is { } until && now >= until => VerificationResult.Expired,
                _ when CertificateReview.IsUnderReview(row.Status, row.Kind, row.Enrolment, row.ReviewKeptAt) => VerificationResult.UnderReview,
                _ => VerificationResult.Valid,
            };
            var transcript = row.Kind == CertificateKind.Transcript;
            result = new VerificationResult(status, row.Kind.ToString(), code, s.HolderName,
                transcript ? null : s.CourseTitle, transcript ? s.TotalMinutes : s.WorkloadMinutes, s.StartsOn, s.EndsOn,
                s.Issuer, s.IssuerCnpj is { } cnpj ? Cnpj.Format(cnpj) : null, s.IssuedOn, s.ValidUntil,
                row.Status == CertificateStatus.Revoked ? row.RevokedAt : null, row.Status == CertificateStatus.Revoked ? row.RevocationReason : null,
                row.Status == CertificateStatus.Superseded ? row.SupersededBy : null, s.PeriodFrom, s.PeriodTo);
        }

        var remaining = minimumDuration - Stopwatch.GetElapsedTime(started);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, ct);
        }

        return result;
    }
}
