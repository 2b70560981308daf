using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.People;

public sealed record EmailPreferences(bool ReceivesOptionalEmails, string? PreferredLanguage);

/// <summary>A person's own email preferences: optional messages on or off, and the language messages are written in.</summary>
public static class ChangeEmailPreferences
{
    public static Task<EmailPreferences?> GetAsync(TrainingHubDbContext db, int personId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new EmailPreferences(p.ReceivesOptionalEmails, p.PreferredLanguage)).SingleOrDefaultAsync(ct);
    }

    /// <summary>Saves both preferences, or names the field that is wrong and changes nothing.</summary>
    public static async Task<Result<bool>> HandleAsync(TrainingHubDbContext db, int personId, EmailPreferences r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(r);
        var errors = new List<FieldError>();
        var language = PersonValidation.Language(r.PreferredLanguage, nameof(EmailPreferences.PreferredLanguage), errors);
        if (errors.Count > 0 || language is null)
        {
            return Error.Validation(errors);
        }

        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return Error.NotFound("", "Preferences.NoPerson");
        }

        person.ReceivesOptionalEmails = r.ReceivesOptionalEmails;
        person.PreferredLanguage = language;
        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(true);
    }
}
