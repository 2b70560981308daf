using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.Surveys;

namespace TrainingHub.Core.Certificates;

public sealed record CertificateFile(string FileName, byte[] Content);

/// <summary>
/// The PDF of one certificate or transcript, rendered from its stored snapshot, for its holder or an administrator in
/// scope. Where the programme asks for the course evaluation first, the holder gets it once that is answered.
/// </summary>
public static class GetCertificateFile
{
    public static async Task<Result<CertificateFile>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int certificateId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var c = await db.Certificates.VisibleTo(db, scope).AsNoTracking().Where(c => c.Id == certificateId)
            .Select(c => new { c.SnapshotJson, c.PersonId, OfferingId = (int?)c.Enrolment!.OfferingId }).FirstOrDefaultAsync(ct);
        if (c is null)
        {
            return Error.NotFound("CertificateId", "Certificate.NotFound");
        }

        if (c.PersonId == scope.PersonId && c.OfferingId is { } offeringId
            && await MyEvaluations.PendingForOfferingAsync(db, time, c.PersonId, offeringId, ct) is { } pending)
        {
            return Error.Conflict("CertificateId", "Survey.EvaluationBeforeCertificate", pending.Offering);
        }

        return Result<CertificateFile>.Ok(Render(c.SnapshotJson));
    }

    public static CertificateFile Render(string snapshotJson)
    {
        var snapshot = CertificateSnapshot.FromJson(snapshotJson);
        return new CertificateFile(CertificateRenderer.FileName(snapshot), CertificateRenderer.Render(snapshot));
    }

    /// <summary>
    /// Valid completion and participation certificates of the people of an organisation (and the organisations under
    /// it) for its focal point's ZIP, read in pages like <see cref="ClassSnapshotsAsync"/>.
    /// </summary>
    public static async IAsyncEnumerable<(string FileName, string SnapshotJson)> OrganizationSnapshotsAsync(TrainingHubDbContext db, string organizationPath,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var after = 0;
        while (true)
        {
            var page = await db.Certificates.AsNoTracking()
                .Where(c => c.Id > after && c.Status == CertificateStatus.Valid && c.Kind != CertificateKind.Transcript && c.Person!.Organization!.Path.StartsWith(organizationPath))
                .OrderBy(c => c.Id).Take(100).Select(c => new { c.Id, c.VerificationCode, c.SnapshotJson, c.Person!.NameKey }).ToListAsync(ct);
            if (page.Count == 0)
            {
                yield break;
            }

            foreach (var c in page)
            {
                var name = new string(c.NameKey.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray()).Trim('-');
                yield return ($"{(name.Length == 0 ? "person" : name)}-{c.VerificationCode}.pdf", c.SnapshotJson);
            }

            after = page[^1].Id;
        }
    }

    /// <summary>Valid certificates of one class for the ZIP: file name and snapshot, read in pages so a large class never sits in memory at once.</summary>
    public static async IAsyncEnumerable<(string FileName, string SnapshotJson)> ClassSnapshotsAsync(TrainingHubDbContext db, int offeringId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var after = 0;
        while (true)
        {
            var page = await db.Certificates.AsNoTracking()
                .Where(c => c.Id > after && c.Status == CertificateStatus.Valid
                    && ((c.Kind == CertificateKind.Participation && c.OfferingId == offeringId)
                        || (c.Enrolment!.OfferingId == offeringId && (c.Enrolment.Status == Enrolment.EnrolmentStatus.Completed || c.ReviewKeptAt != null))))
                .OrderBy(c => c.Id).Take(100).Select(c => new { c.Id, c.VerificationCode, c.SnapshotJson, c.Person!.NameKey }).ToListAsync(ct);
            if (page.Count == 0)
            {
                yield break;
            }

            foreach (var c in page)
            {
                var name = new string(c.NameKey.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray()).Trim('-');
                yield return ($"{(name.Length == 0 ? "person" : name)}-{c.VerificationCode}.pdf", c.SnapshotJson);
            }

            after = page[^1].Id;
        }
    }
}

/// <summary>The outbox's attachment source for certificates and transcripts: the key is the verification code; the file is rendered from the stored snapshot at send time.</summary>
public sealed class CertificateAttachmentSource(string kind) : IOutboxAttachmentSource
{
    public string Kind { get; } = kind;

    public async Task<EmailAttachment?> LoadAsync(TrainingHubDbContext db, string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var json = await db.Certificates.AsNoTracking().Where(c => c.VerificationCode == key).Select(c => c.SnapshotJson).FirstOrDefaultAsync(ct);
        if (json is null)
        {
            return null;
        }

        var file = GetCertificateFile.Render(json);
        return new EmailAttachment(file.FileName, "application/pdf", file.Content);
    }
}
