namespace TrainingHub.Core.Accounts;

/// <summary>
/// One browser sign-in. The cookie carries a random key; only its SHA-256 hash is stored. A session stays valid while
/// its row has no end: signing out ends it on the server, so a copied cookie stops working too.
/// </summary>
public class SignInSession
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public ApplicationUser? User { get; set; }
    public required string KeyHash { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
}
