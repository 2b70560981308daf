using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.Surveys;

namespace TrainingHub.Core.Certificates;

public sealed record CertificateFile(string FileName, byte[] Content);

/// <summary>
/// The PDF of one certificate or transcript, as stored when it was issued (rendered from its snapshot when there is
/// none stored: certificates from before PDFs were stored), for its holder or an administrator in scope. Where the programme asks for the course evaluation first, the holder gets it once that is answered.
/// </summary>
public static class GetCertificateFile
{
    public static async Task<Result<CertificateFile>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int certificateId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var c = await db.Certificates.VisibleTo(db, scope).AsNoTracking().Where(c => c.Id == certificateId)
            .Select(c => new { c.SnapshotJson, c.PersonId, OfferingId = (int?)c.Enrolment!.OfferingId, Stored = c.Document!.Content }).FirstOrDefaultAsync(ct);
        if (c is null)
        {
            return Error.NotFound("CertificateId", "Certificate.NotFound");
        }

        if (c.PersonId == scope.PersonId && c.OfferingId is { } offeringId
            && await MyEvaluations.PendingForOfferingAsync(db, time, c.PersonId, offeringId, ct) is { } pending)
        {
            return Error.Conflict("CertificateId", "Survey.EvaluationBeforeCertificate", pending.Offering);
        }

        return Result<CertificateFile>.Ok(File(c.SnapshotJson, c.Stored));
    }

    public static CertificateFile Render(string snapshotJson) => File(snapshotJson, null);

    /// <summary>The file of a certificate: its stored PDF, or (none stored) the PDF rendered from its snapshot.</summary>
    public static CertificateFile File(string snapshotJson, byte[]? stored)
    {
        var snapshot = CertificateSnapshot.FromJson(snapshotJson);
        return new CertificateFile(CertificateRenderer.FileName(snapshot), stored ?? CertificateRenderer.Render(snapshot));
    }

    /// <summary>
    /// Valid completion and participation certificates of the people of an organisation (and the organisations under
    /// it) for its focal point's ZIP: file name and PDF (stored, or rendered from the snapshot).
    /// </summary>
    public static IAsyncEnumerable<(string FileName, byte[] Pdf)> OrganizationFilesAsync(TrainingHubDbContext db, string organizationPath, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return FilesAsync(db.Certificates.Where(c => c.Status == CertificateStatus.Valid && c.Kind != CertificateKind.Transcript
            && c.Person!.Organization!.Path.StartsWith(organizationPath)), ct);
    }

    /// <summary>Valid certificates of one class or series for the ZIP: file name and PDF (stored, or rendered from the snapshot).</summary>
    public static IAsyncEnumerable<(string FileName, byte[] Pdf)> ClassFilesAsync(TrainingHubDbContext db, int offeringId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return FilesAsync(db.Certificates.Where(c => c.Status == CertificateStatus.Valid
            && ((c.Kind == CertificateKind.Participation && c.OfferingId == offeringId)
                || (c.Enrolment!.OfferingId == offeringId && (c.Enrolment.Status == Enrolment.EnrolmentStatus.Completed || c.ReviewKeptAt != null)))), ct);
    }

    /// <summary>The certificates' files in id order, read in pages of 100 so a large class never sits in memory at once.</summary>
    private static async IAsyncEnumerable<(string FileName, byte[] Pdf)> FilesAsync(IQueryable<Certificate> certificates,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var after = 0;
        while (true)
        {
            var page = await certificates.AsNoTracking().Where(c => c.Id > after)
                .OrderBy(c => c.Id).Take(100).Select(c => new { c.Id, c.VerificationCode, c.SnapshotJson, c.Person!.NameKey, Stored = c.Document!.Content }).ToListAsync(ct);
            if (page.Count == 0)
            {
                yield break;
            }

            foreach (var c in page)
            {
                var name = new string(c.NameKey.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray()).Trim('-');
                yield return ($"{(name.Length == 0 ? "person" : name)}-{c.VerificationCode}.pdf", File(c.SnapshotJson, c.Stored).Content);
            }

            after = page[^1].Id;
        }
    }
}

/// <summary>The outbox's attachment source for certificates and transcripts: the key is the verification code; the file is the stored PDF (rendered from the snapshot when none is stored).</summary>
public sealed class CertificateAttachmentSource(string kind) : IOutboxAttachmentSource
{
    public string Kind { get; } = kind;

    public async Task<EmailAttachment?> LoadAsync(TrainingHubDbContext db, string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var c = await db.Certificates.AsNoTracking().Where(c => c.VerificationCode == key).Select(c => new { c.SnapshotJson, Stored = c.Document!.Content }).FirstOrDefaultAsync(ct);
        if (c is null)
        {
            return null;
        }

        var file = GetCertificateFile.File(c.SnapshotJson, c.Stored);
        return new EmailAttachment(file.FileName, "application/pdf", file.Content);
    }
}
