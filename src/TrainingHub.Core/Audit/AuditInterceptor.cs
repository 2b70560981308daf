using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Audit;

/// <summary>
/// Writes an audit entry for every change to the audited entities, in the same transaction as the change, with plain
/// inserts: no number, no hash, no lock on anything shared, so no writer ever waits on another's audit entry. The
/// sealer (<see cref="SealAuditEntries"/>) chains committed entries afterwards.
/// </summary>
public sealed class AuditInterceptor(IAuditActor actor, TimeProvider time) : SaveChangesInterceptor
{
    private static readonly HashSet<string> Secret = new(StringComparer.Ordinal)
    {
        nameof(ApplicationUser.PasswordHash), nameof(ApplicationUser.SecurityStamp), nameof(ApplicationUser.ConcurrencyStamp),
        nameof(ApiToken.TokenHash), nameof(CheckInWindow.Secret),
    };

    /// <summary>
    /// Personal fields left out of the "before" values when a person is being anonymised (their AnonymizedAt set in
    /// this save), so the entry recording the anonymisation does not store what it removes.
    /// </summary>
    private static readonly HashSet<string> Personal = new(StringComparer.Ordinal)
    {
        nameof(Person.Cpf), nameof(Person.FullName), nameof(Person.NameKey), nameof(Person.Email), nameof(Person.JobTitle), nameof(Person.RegistrationNumber),
        nameof(ApplicationUser.UserName), nameof(ApplicationUser.NormalizedUserName), nameof(ApplicationUser.NormalizedEmail), nameof(ApplicationUser.PhoneNumber),
        nameof(ApplicationUser.DisplayName), nameof(Certificate.SnapshotJson),
    };

    private List<Pending>? pending;
    private IDbContextTransaction? ownTransaction;
    private bool writingAudit;

    private sealed record Pending(EntityEntry Entry, string Action, string? Before);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var context = eventData.Context;
        if (context is null || writingAudit)
        {
            return result;
        }

        var anonymising = context.ChangeTracker.Entries<Person>()
            .Any(e => e.State == EntityState.Modified && e.Property(p => p.AnonymizedAt).OriginalValue is null && e.Entity.AnonymizedAt is not null);
        pending = context.ChangeTracker.Entries()
            .Where(e => IsAudited(e.Entity) && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => new Pending(e, e.State.ToString(), e.State == EntityState.Added ? null : Serialize(e, original: true, redact: anonymising)))
            .Where(p => p.Action != nameof(EntityState.Modified) || p.Entry.Properties.Any(pr => pr.IsModified && !Secret.Contains(pr.Metadata.Name)))
            .ToList();
        if (pending.Count > 0 && context.Database.CurrentTransaction is null)
        {
            ownTransaction = await context.Database.BeginTransactionAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>The audit interceptor of a context (the one the host registers), for use cases that write rows in bulk.</summary>
    public static AuditInterceptor Of(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.GetService<IDbContextOptions>().Extensions.OfType<CoreOptionsExtension>().SelectMany(e => e.Interceptors ?? []).OfType<AuditInterceptor>().SingleOrDefault()
            ?? throw new InvalidOperationException("The context has no audit interceptor.");
    }

    /// <summary>
    /// The entry for a row inserted in bulk (outside the change tracker): the same actor, time, key and "after" snapshot
    /// as a tracked insert of <paramref name="entity"/> would get. The caller inserts it in the same transaction.
    /// </summary>
    public AuditEntry Added(IEntityType type, object entity)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(entity);
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in type.GetProperties().Where(p => !Secret.Contains(p.Name)))
        {
            var v = p.GetGetter().GetClrValue(entity);
            values[p.Name] = v is Enum ? v.ToString() : v;
        }

        return new AuditEntry
        {
            OccurredAt = AuditChain.Truncate(time.GetUtcNow().UtcDateTime),
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            Action = nameof(EntityState.Added),
            EntityType = type.ClrType.Name,
            EntityId = string.Join('/', type.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(p.GetGetter().GetClrValue(entity), System.Globalization.CultureInfo.InvariantCulture))),
            OrganizationId = OrganizationOf(entity),
            AfterJson = JsonSerializer.Serialize(values),
            Reason = actor.Reason,
        };
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context?.ChangeTracker.Entries().Any(e => IsAudited(e.Entity) && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) == true)
        {
            throw new InvalidOperationException("Use SaveChangesAsync: audited changes are written asynchronously.");
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not TrainingHubDbContext db || writingAudit || pending is not { Count: > 0 } work)
        {
            return result;
        }

        pending = null;
        writingAudit = true;
        try
        {
            var now = AuditChain.Truncate(time.GetUtcNow().UtcDateTime);
            foreach (var p in work)
            {
                db.AuditEntries.Add(new AuditEntry
                {
                    OccurredAt = now,
                    ActorUserId = actor.UserId,
                    ActorName = actor.Name,
                    Action = p.Action,
                    EntityType = p.Entry.Metadata.ClrType.Name,
                    EntityId = KeyOf(p.Entry),
                    OrganizationId = OrganizationOf(p.Entry.Entity),
                    BeforeJson = p.Before,
                    AfterJson = p.Action == nameof(EntityState.Deleted) ? null : Serialize(p.Entry, original: false),
                    Reason = actor.Reason,
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            writingAudit = false;
            await DisposeOwnTransactionAsync();
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!writingAudit)
        {
            pending = null;
            await DisposeOwnTransactionAsync();
        }
    }

    private async Task DisposeOwnTransactionAsync()
    {
        if (ownTransaction is not null)
        {
            await ownTransaction.DisposeAsync();
            ownTransaction = null;
        }
    }

    private static bool IsAudited(object entity) => entity is Enrolment.Enrolment or Enrolment.SessionRegistration or AttendanceRecord or CheckInWindow or AbsenceJustification or Certificate
        or Person or Organization or ApplicationUser or IdentityUserRole<string> or ApiToken
        or Participation.ProgrammeParticipation or Participation.ParticipationFocalPoint or Participation.ParticipationChange or Catalog.ProgrammeMember;

    private static int? OrganizationOf(object entity) => entity switch
    {
        Person p => p.OrganizationId,
        Organization o => o.Id,
        Participation.ProgrammeParticipation p => p.OrganizationId,
        ApplicationUser u => u.ScopeOrganizationId,
        _ => null,
    };

    private static string KeyOf(EntityEntry entry) =>
        string.Join('/', entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));

    private static string Serialize(EntityEntry entry, bool original, bool redact = false)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in entry.Properties)
        {
            if (Secret.Contains(p.Metadata.Name) || (redact && Personal.Contains(p.Metadata.Name)))
            {
                continue;
            }

            var v = original ? p.OriginalValue : p.CurrentValue;
            values[p.Metadata.Name] = v is Enum ? v.ToString() : v;
        }

        return JsonSerializer.Serialize(values);
    }
}
