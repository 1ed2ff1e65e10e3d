namespace StreamEngine.Domain.Threats;

/// <summary>A post text's SimHash fingerprint and its MinHash sketch (see <see cref="TextFingerprint"/>): what coordinated-burst detection compares.</summary>
public sealed record TextPrint(ulong Fingerprint, ulong[] Sketch);
