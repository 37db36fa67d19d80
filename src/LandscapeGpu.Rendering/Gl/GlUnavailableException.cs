namespace LandscapeGpu.Rendering.Gl;

/// <summary>No OpenGL context could be made: a library or a display is missing. The message names the package to install.</summary>
/// <param name="message">What is missing and how to get it.</param>
public sealed class GlUnavailableException(string message) : Exception(message);
