using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Certificates;

public sealed record ReissueOutcome(int OldId, int NewId, string NewCode);

/// <summary>
/// Reissues a valid completion certificate after a correction (name, attendance, dates): a new certificate with a new
/// code and a snapshot of the records as they are now; the old one becomes Superseded, pointing to the new one, and the
/// new one is emailed. One transaction: the old row leaves "valid" first (a conditional update, so two reissues at once
/// cannot both win), then the new row is inserted and the old row's successor set, both audited with the reason.
/// The enrolment must still be completed; if the correction made it fail, revoke instead.
/// </summary>
public static class ReissueCertificate
{
    public static async Task<Result<ReissueOutcome>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, IAuditActor actor, IssueSettings settings,
        int certificateId, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.HasPublicUrl)
        {
            return IssueSettings.PublicUrlMissing;
        }

        var (text, invalid) = CertificateReason.Check(reason);
        if (invalid is not null)
        {
            return Error.Validation([invalid]);
        }

        var old = await db.Certificates.AdministeredBy(db, scope).FirstOrDefaultAsync(c => c.Id == certificateId, ct);
        if (old is null)
        {
            return Error.NotFound("Id", "Certificate.NotFound");
        }

        if (old.Status == CertificateStatus.Valid && old.Kind == CertificateKind.Participation && old.OfferingId is { } seriesId)
        {
            return await ReissueParticipationAsync(db, time, actor, settings, old, seriesId, text, ct);
        }

        if (old.Status != CertificateStatus.Valid || old.Kind != CertificateKind.Completion || old.EnrolmentId is not { } enrolmentId)
        {
            return Error.Conflict("Id", "Certificate.NotValid");
        }

        var src = await CertificateContent.Sources(db, db.Enrolments.Where(e => e.Id == enrolmentId)).AsNoTracking().FirstOrDefaultAsync(ct);
        if (src is null)
        {
            return Error.Conflict("Id", "Certificate.EnrolmentNotCompleted");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var snapshot = CertificateContent.Snapshot(src, settings, VerificationCodes.New(), now);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Leave "valid" first so the new row passes the one-valid-per-enrolment index; the successor is set below.
        var left = await db.Certificates.Where(c => c.Id == old.Id && c.Status == CertificateStatus.Valid)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CertificateStatus.Superseded).SetProperty(c => c.SupersededById, c => c.Id), ct);
        if (left == 0)
        {
            return Error.Conflict("Id", "Certificate.NotValid");
        }

        var fresh = CertificateContent.NewCertificate(snapshot, src.PersonId, src.EnrolmentId);
        old.Status = CertificateStatus.Superseded;
        old.SupersededBy = fresh;
        db.Certificates.Add(fresh);
        CertificateContent.QueueEmail(db, src, snapshot, reissue: true, now);
        actor.Reason = text;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<ReissueOutcome>.Ok(new ReissueOutcome(old.Id, fresh.Id, fresh.VerificationCode));
    }

    /// <summary>A participation certificate from the attendance as it is now; refused when the person no longer qualifies (revoke instead).</summary>
    private static async Task<Result<ReissueOutcome>> ReissueParticipationAsync(TrainingHubDbContext db, TimeProvider time, IAuditActor actor, IssueSettings settings,
        Certificate old, int seriesId, string? reason, CancellationToken ct)
    {
        var due = await ParticipationContent.CurrentAsync(db, old.PersonId, seriesId, old.SessionId, ct);
        if (due is null)
        {
            return Error.Conflict("Id", "Certificate.NoLongerAttended");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (_, src, snapshot) = (await ParticipationContent.SnapshotsAsync(db, settings, [due], now, ct)).Single();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var left = await db.Certificates.Where(c => c.Id == old.Id && c.Status == CertificateStatus.Valid)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CertificateStatus.Superseded).SetProperty(c => c.SupersededById, c => c.Id), ct);
        if (left == 0)
        {
            return Error.Conflict("Id", "Certificate.NotValid");
        }

        var fresh = ParticipationContent.NewCertificate(snapshot, due);
        old.Status = CertificateStatus.Superseded;
        old.SupersededBy = fresh;
        db.Certificates.Add(fresh);
        CertificateContent.QueueEmail(db, src, snapshot, reissue: true, now);
        actor.Reason = reason;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<ReissueOutcome>.Ok(new ReissueOutcome(old.Id, fresh.Id, fresh.VerificationCode));
    }
}
