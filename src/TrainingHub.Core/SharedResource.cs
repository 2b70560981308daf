namespace TrainingHub.Core;

/// <summary>
/// Marker for the shared resource files (Resources/SharedResource.en.resx: English; .pt-BR.resx: Portuguese): the
/// screens (Web) and the email templates (Core) read the same strings.
/// </summary>
public sealed class SharedResource;
