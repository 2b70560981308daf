namespace TrainingHub.Core.Certificates;

/// <summary>
/// A certificate's PDF, rendered once from its snapshot when the certificate is written (issued, reissued, a
/// transcript asked for; again when anonymisation rewrites the snapshot) and kept beside it in a table of its own, so
/// reading certificates never loads files. Downloads, the class ZIP and the emails' attachments serve these bytes;
/// certificates written before documents were stored (or by tools that do not render) are rendered from their snapshot
/// when asked for, which gives the same bytes (<see cref="CertificateRenderer"/> is deterministic).
/// </summary>
public class CertificateDocument
{
    public int CertificateId { get; set; }

    public required byte[] Content { get; set; }
}
