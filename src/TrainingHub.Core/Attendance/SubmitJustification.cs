using System.Text;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Attendance;

public sealed record SubmitJustificationRequest(int SessionId, string? Note, string? FileName, byte[]? Content);

/// <summary>
/// A trainee sends a document (PDF, PNG or JPEG, recognised by its first bytes, never by its name; at most
/// <see cref="AttendanceOptions.JustificationMaxBytes"/>) and a note for a session where they are recorded absent. The
/// document is stored in the database. One justification under review per absence; after a rejection another may be
/// sent. Anything wrong is refused naming the field, and nothing is saved.
/// </summary>
public static class SubmitJustification
{
    public const int MaxNoteLength = 1000;

    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, AttendanceOptions options,
        SubmitJustificationRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(r);
        var errors = new List<FieldError>();
        var note = r.Note?.Trim() ?? "";
        if (note.Length == 0)
        {
            errors.Add(new(nameof(r.Note), "Justification.NoteRequired"));
        }
        else if (note.Length > MaxNoteLength)
        {
            errors.Add(new(nameof(r.Note), "Justification.NoteTooLong", MaxNoteLength));
        }

        string? contentType = null;
        if (r.Content is not { Length: > 0 } content)
        {
            errors.Add(new("File", "Justification.NoFile"));
        }
        else if (content.Length > options.JustificationMaxBytes)
        {
            errors.Add(new("File", "Justification.TooLarge", Math.Max(1, options.JustificationMaxBytes / (1024 * 1024))));
        }
        else if ((contentType = Sniff(content)) is null)
        {
            errors.Add(new("File", "Justification.BadType"));
        }

        var record = scope.PersonId is { } personId
            ? await db.AttendanceRecords.AsNoTracking().Where(a => a.SessionId == r.SessionId && a.PersonId == personId)
                .Select(a => new { a.Id, a.Status, a.PersonId }).FirstOrDefaultAsync(ct)
            : null;
        if (record is null)
        {
            errors.Add(new(nameof(r.SessionId), "Justification.NoAbsence"));
        }
        else if (record.Status != AttendanceStatus.Absent)
        {
            errors.Add(new(nameof(r.SessionId), "Justification.NotAbsent"));
        }
        else if (await db.AbsenceJustifications.AnyAsync(j => j.AttendanceRecordId == record.Id && j.Status == JustificationStatus.Pending, ct))
        {
            errors.Add(new(nameof(r.SessionId), "Justification.AlreadyPending"));
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var justification = new AbsenceJustification
        {
            AttendanceRecordId = record!.Id,
            SessionId = r.SessionId,
            PersonId = record.PersonId,
            Note = note,
            FileName = SafeName(r.FileName, contentType!),
            ContentType = contentType!,
            SizeBytes = r.Content!.Length,
            SubmittedAt = time.GetUtcNow().UtcDateTime,
        };
        db.AbsenceDocuments.Add(new AbsenceDocument { Justification = justification, Content = r.Content });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another upload for the same absence won the unique "one pending" index.
            db.ChangeTracker.Clear();
            return Error.Validation(nameof(r.SessionId), "Justification.AlreadyPending");
        }

        return Result<int>.Ok(justification.Id);
    }

    /// <summary>The content type by magic bytes: %PDF-, the PNG signature, or JPEG's FF D8 FF; null for anything else.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content) => content switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => "application/pdf",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        _ => null,
    };

    /// <summary>The name without path, limited to safe characters, with the extension of the real type.</summary>
    private static string SafeName(string? name, string contentType)
    {
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(name ?? "")).Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder();
        foreach (var c in stem)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            {
                sb.Append(c);
            }
            else if (c is ' ')
            {
                sb.Append('_');
            }
        }

        var safe = sb.Length == 0 ? "documento" : sb.ToString(0, Math.Min(sb.Length, 100));
        return safe + contentType switch { "application/pdf" => ".pdf", "image/png" => ".png", _ => ".jpg" };
    }
}
