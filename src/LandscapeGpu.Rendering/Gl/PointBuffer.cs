using Silk.NET.OpenGL;

namespace LandscapeGpu.Rendering.Gl;

/// <summary>
/// A vertex array with one buffer of vertices of four floats each (x, y and two per-vertex values), for the
/// overlay: markers, path lines and path dots. Re-filled in place; grows when needed.
/// </summary>
public sealed class PointBuffer : IDisposable
{
    /// <summary>Floats per vertex.</summary>
    public const int FloatsPerVertex = 4;

    private readonly GL gl;
    private readonly uint vertexArray;
    private readonly uint buffer;
    private int capacity;

    /// <summary>Creates an empty buffer.</summary>
    public PointBuffer(GL gl)
    {
        ArgumentNullException.ThrowIfNull(gl);
        this.gl = gl;
        vertexArray = gl.GenVertexArray();
        buffer = gl.GenBuffer();
        gl.BindVertexArray(vertexArray);
        gl.BindBuffer(BufferTargetARB.ArrayBuffer, buffer);
        unsafe
        {
            gl.VertexAttribPointer(0, 2, VertexAttribPointerType.Float, false, FloatsPerVertex * sizeof(float), (void*)0);
            gl.VertexAttribPointer(1, 2, VertexAttribPointerType.Float, false, FloatsPerVertex * sizeof(float), (void*)(2 * sizeof(float)));
        }

        gl.EnableVertexAttribArray(0);
        gl.EnableVertexAttribArray(1);
        gl.BindVertexArray(0);
    }

    /// <summary>Vertices held.</summary>
    public int Count { get; private set; }

    /// <summary>Replaces the contents with <paramref name="vertices"/> (four floats per vertex).</summary>
    public unsafe void Fill(ReadOnlySpan<float> vertices)
    {
        if (vertices.Length % FloatsPerVertex != 0)
        {
            throw new ArgumentException($"{vertices.Length} floats is not a whole number of {FloatsPerVertex}-float vertices", nameof(vertices));
        }

        gl.BindBuffer(BufferTargetARB.ArrayBuffer, buffer);
        fixed (float* data = vertices)
        {
            nuint bytes = (nuint)(vertices.Length * sizeof(float));
            if (vertices.Length > capacity)
            {
                capacity = vertices.Length;
                gl.BufferData(BufferTargetARB.ArrayBuffer, bytes, data, BufferUsageARB.DynamicDraw);
            }
            else if (vertices.Length > 0)
            {
                gl.BufferSubData(BufferTargetARB.ArrayBuffer, 0, bytes, data);
            }
        }

        Count = vertices.Length / FloatsPerVertex;
    }

    /// <summary>Draws <paramref name="count"/> vertices from <paramref name="first"/> as <paramref name="mode"/>.</summary>
    public void Draw(PrimitiveType mode, int first, int count)
    {
        if (count <= 0)
        {
            return;
        }

        gl.BindVertexArray(vertexArray);
        gl.DrawArrays(mode, first, (uint)count);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        gl.DeleteBuffer(buffer);
        gl.DeleteVertexArray(vertexArray);
    }
}
