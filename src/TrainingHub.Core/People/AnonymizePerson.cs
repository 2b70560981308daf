using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.People;

/// <summary>
/// LGPD: replaces a person's personal data by placeholders once their records are out of retention
/// (<see cref="GetRetention"/>). Name "Pessoa anonimizada #id", CPF a unique non-CPF placeholder, e-mail a unique
/// undeliverable address, job title and registration cleared; their sign-in accounts are renamed, locked and lose their
/// password and API tokens; certificate snapshots show the placeholder name and no CPF (codes stay, so issued documents
/// still verify); their outbox messages are cancelled if pending and emptied of address and content. Enrolments,
/// attendance and certificates stay, so every aggregate keeps its hours. The audit entries written by this change do
/// not repeat the old values (see <see cref="AuditInterceptor"/>); older entries keep them, as the hash chain requires.
/// </summary>
public static class AnonymizePerson
{
    public static string NameFor(int id) => "Pessoa anonimizada #" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>"X" and ten digits: the right length, never a valid CPF (not all digits), unique per person.</summary>
    public static string CpfFor(int id) => "X" + id.ToString("D10", CultureInfo.InvariantCulture);

    public static string EmailFor(int id) => "anonimizado-" + id.ToString(CultureInfo.InvariantCulture) + "@anonimizado.invalid";

    public static async Task<Result<RetentionStatus>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, PrivacySettings settings,
        IAuditActor actor, int personId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var status = await GetRetention.HandleAsync(db, scope, time, settings, personId, ct);
        if (!status.Succeeded)
        {
            return status;
        }

        var s = status.Value!;
        if (s.AnonymizedAt is not null)
        {
            return Error.Conflict("PersonId", "Person.AlreadyAnonymized");
        }

        if (!s.CanAnonymize)
        {
            return Error.Conflict("PersonId", "Person.UnderRetention", s.RetainedUntil.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var person = await db.People.SingleAsync(p => p.Id == personId, ct);
        var name = NameFor(personId);
        person.FullName = name;
        person.Cpf = CpfFor(personId);
        person.Email = EmailFor(personId);
        person.JobTitle = null;
        person.RegistrationNumber = null;
        person.ReceivesOptionalEmails = false;
        person.AnonymizedAt = now;

        var users = await db.Users.Where(u => u.PersonId == personId).ToListAsync(ct);
        foreach (var u in users)
        {
            var placeholder = "anonimizado-" + u.Id + "@anonimizado.invalid";
            u.UserName = placeholder;
            u.NormalizedUserName = placeholder.ToUpperInvariant();
            u.Email = placeholder;
            u.NormalizedEmail = placeholder.ToUpperInvariant();
            u.EmailConfirmed = false;
            u.PhoneNumber = null;
            u.DisplayName = name;
            u.PasswordHash = null;
            u.SecurityStamp = Guid.NewGuid().ToString("N");
            u.LockoutEnabled = true;
            u.LockoutEnd = DateTimeOffset.MaxValue;
        }

        var userIds = users.Select(u => u.Id).ToList();
        foreach (var token in await db.ApiTokens.Where(t => userIds.Contains(t.UserId) && t.RevokedAt == null).ToListAsync(ct))
        {
            token.RevokedAt = now;
        }

        foreach (var c in await db.Certificates.Include(c => c.Document).Where(c => c.PersonId == personId).ToListAsync(ct))
        {
            var snapshot = CertificateSnapshot.FromJson(c.SnapshotJson) with { HolderName = name, HolderCpfMasked = "" };
            c.SnapshotJson = snapshot.ToJson();
            // The stored PDF says what the snapshot says: drawn again without the name and CPF.
            var pdf = CertificateRenderer.Render(snapshot);
            if (c.Document is null)
            {
                c.Document = new CertificateDocument { Content = pdf };
            }
            else
            {
                c.Document.Content = pdf;
            }

            if (c.ContentHash is not null)
            {
                c.ContentHash = snapshot.ContentHash();
            }
        }

        var address = person.Email;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.OutboxMessages.Where(m => m.RecipientPersonId == personId && m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Cancelled), ct);
        await db.OutboxMessages.Where(m => m.RecipientPersonId == personId)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.ToAddress, address).SetProperty(m => m.PayloadJson, "{}").SetProperty(m => m.RenderedJson, (string?)null), ct);
        actor.Reason ??= "LGPD";
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<RetentionStatus>.Ok(s with { FullName = name, AnonymizedAt = now, CanAnonymize = false });
    }
}
