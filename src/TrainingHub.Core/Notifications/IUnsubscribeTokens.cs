namespace TrainingHub.Core.Notifications;

/// <summary>
/// Unguessable tokens for one-click unsubscribe links (RFC 8058): a link names a person and carries a token only the
/// application can make, so nobody can unsubscribe someone else by trying ids. The web host implements it with its
/// Data Protection keys; Core only asks for a token and never depends on the web host.
/// </summary>
public interface IUnsubscribeTokens
{
    string Create(int personId);

    bool IsValid(int personId, string? token);
}
