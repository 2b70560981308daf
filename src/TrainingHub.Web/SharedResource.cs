namespace TrainingHub.Web;

/// <summary>Marker for the shared resource files (Resources/SharedResource.resx: English; .pt-BR.resx: Portuguese).</summary>
public sealed class SharedResource;
