using Microsoft.Extensions.Configuration;
using TrainingHub.Core.Organizations;

namespace TrainingHub.Core.Accounts;

/// <summary>Where a self-registration request stands.</summary>
public enum RegistrationStatus
{
    /// <summary>The confirmation link was sent; nothing usable exists yet.</summary>
    Unconfirmed,

    /// <summary>The e-mail was confirmed; an administrator in the organisation's scope decides.</summary>
    AwaitingApproval,

    /// <summary>The account exists (confirmed without approval needed, or approved).</summary>
    Approved,

    /// <summary>An administrator refused it, with a reason the person was told.</summary>
    Refused,

    /// <summary>Confirmed, but the CPF or the e-mail already had an account: the person was sent to recover access.</summary>
    Closed,
}

/// <summary>
/// Someone asking for an account on the public page. A request is its own row, not an unconfirmed account, so that
/// until the e-mail is confirmed (and approved, where that is required) no person and no account exist: nothing can
/// sign in, no e-mail address or CPF is taken, and the people list holds only people someone vouched for. The chosen
/// passphrase is kept only as Identity's password hash and cleared once the request is decided; the link's token only as
/// its SHA-256 (<see cref="InvitationTokens"/>), compared in constant time.
/// </summary>
public class RegistrationRequest
{
    public int Id { get; set; }

    /// <summary>11 digits, as typed (normalised).</summary>
    public required string Cpf { get; set; }

    /// <summary>The name as typed. An existing person's record keeps its own name.</summary>
    public required string FullName { get; set; }

    /// <summary>The address the link went to; once confirmed, the account signs in with it.</summary>
    public required string Email { get; set; }

    /// <summary>The organisation chosen on the page; once confirmed, that of the person the CPF matched, if any.</summary>
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public string Language { get; set; } = Common.Languages.Portuguese;

    /// <summary>Identity's hash of the chosen passphrase, until the request is decided.</summary>
    public string? PasswordHash { get; set; }
    public required string TokenHash { get; set; }
    public RegistrationStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }

    /// <summary>The person the CPF matched when the e-mail was confirmed (null: a new person is created on approval).</summary>
    public int? PersonId { get; set; }

    /// <summary>The matched person's record has another e-mail: an administrator always decides then.</summary>
    public bool EmailDiffers { get; set; }
    public string? UserId { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedByUserId { get; set; }
    public string? RefusalReason { get; set; }
}

/// <summary>
/// <c>Accounts:SelfRegistration:*</c>: <c>Enabled</c> (false), <c>OrganizationKinds</c> (the kinds whose organisations
/// accept requests, comma-separated or a list; every kind when empty), <c>RequireApproval</c> (true),
/// <c>LinkValidHours</c> (24). Read on every request, so a changed setting applies at once.
/// </summary>
public sealed record SelfRegistrationSettings
{
    public const int PerAddressPerHour = 3;

    public bool Enabled { get; init; }
    public IReadOnlySet<OrganizationKind> OrganizationKinds { get; init; } = new HashSet<OrganizationKind>(Enum.GetValues<OrganizationKind>());
    public bool RequireApproval { get; init; } = true;
    public int LinkValidHours { get; init; } = 24;

    public bool Accepts(OrganizationKind kind) => OrganizationKinds.Contains(kind);

    public static SelfRegistrationSettings From(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.GetSection("Accounts:SelfRegistration");
        var listed = section.GetSection("OrganizationKinds");
        var raw = listed.Value ?? string.Join(',', listed.GetChildren().Select(c => c.Value));
        var kinds = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => Enum.TryParse<OrganizationKind>(k, ignoreCase: true, out var kind) ? kind
                : throw new InvalidOperationException($"Accounts:SelfRegistration:OrganizationKinds: unknown organisation kind '{k}'."))
            .ToHashSet();
        return new SelfRegistrationSettings
        {
            Enabled = section.GetValue("Enabled", false),
            OrganizationKinds = kinds.Count > 0 ? kinds : new HashSet<OrganizationKind>(Enum.GetValues<OrganizationKind>()),
            RequireApproval = section.GetValue("RequireApproval", true),
            LinkValidHours = Math.Clamp(section.GetValue("LinkValidHours", 24), 1, 24 * 14),
        };
    }
}
