using LandscapeGpu.Metrics;
using Silk.NET.OpenGL;

namespace LandscapeGpu.Rendering.Gl;

/// <summary>
/// Draws a <see cref="BoxEntropyMap"/> over what is in the framebuffer (shaders/entropy.frag): veiled where a box holds
/// one outcome, yellow to red with the box's entropy on a boundary.
/// </summary>
public sealed class EntropyOverlayRenderer : IDisposable
{
    private readonly GL gl;
    private readonly ShaderProgram program;
    private readonly uint emptyVertexArray;
    private DataTexture? texture;
    private BoxEntropyMap? uploaded;

    /// <summary>Builds the program from <paramref name="shaderDirectory"/> (default: shaders/ beside the program).</summary>
    public EntropyOverlayRenderer(GL gl, string? shaderDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(gl);
        this.gl = gl;
        string directory = shaderDirectory ?? BasinRenderer.DefaultShaderDirectory;
        program = new ShaderProgram(gl, Path.Combine(directory, "fullscreen.vert"), [Path.Combine(directory, "entropy.frag")], ["entropy", "viewToData", "largest"]);
        program.Use();
        program.Set("entropy", 0);
        // Core profile draws nothing without a bound vertex array, even when the vertex shader makes its own positions.
        emptyVertexArray = gl.GenVertexArray();
    }

    /// <summary>
    /// Blends <paramref name="boxes"/>, whose boxes cover <paramref name="covered"/> in data coordinates, over the
    /// bound framebuffer of <paramref name="width"/> x <paramref name="height"/> pixels showing <paramref name="view"/>.
    /// </summary>
    public void Draw(BoxEntropyMap boxes, WorldRect covered, WorldRect view, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        if (boxes.Entropies.Length == 0)
        {
            return;
        }

        if (!ReferenceEquals(boxes, uploaded))
        {
            texture?.Dispose();
            texture = DataTexture.Floats(gl, boxes.Columns, boxes.Rows, boxes.Entropies);
            uploaded = boxes;
        }

        gl.Viewport(0, 0, (uint)width, (uint)height);
        gl.Enable(EnableCap.Blend);
        gl.BlendFunc(BlendingFactor.SrcAlpha, BlendingFactor.OneMinusSrcAlpha);
        texture!.Bind(0);
        program.Use();
        program.Set("viewToData", (float)(view.Width / covered.Width), (float)(view.Height / covered.Height),
            (float)((view.X0 - covered.X0) / covered.Width), (float)((view.Y0 - covered.Y0) / covered.Height));
        // Where every box holds one outcome the veil alone is drawn; ln 2 is then an arbitrary but harmless scale.
        program.Set("largest", boxes.Largest > 0 ? boxes.Largest : (float)Math.Log(2));
        gl.BindVertexArray(emptyVertexArray);
        gl.DrawArrays(PrimitiveType.Triangles, 0, 3);
        gl.Disable(EnableCap.Blend);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        texture?.Dispose();
        gl.DeleteVertexArray(emptyVertexArray);
        program.Dispose();
    }
}
