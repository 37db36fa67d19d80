using Silk.NET.OpenGL;

namespace LandscapeGpu.Rendering.Gl;

/// <summary>
/// A linked program of one vertex shader and one or more fragment shaders (a main one plus shared functions)
/// built from GLSL files, with the locations of its uniforms looked up once.
/// Compile and link errors throw with the driver's log.
/// </summary>
public sealed class ShaderProgram : IDisposable
{
    private readonly GL gl;
    private readonly Dictionary<string, int> locations = new(StringComparer.Ordinal);

    /// <summary>Compiles and links <paramref name="vertexPath"/> and <paramref name="fragmentPaths"/>, then finds <paramref name="uniforms"/>.</summary>
    /// <exception cref="InvalidOperationException">A shader does not compile or the program does not link.</exception>
    public ShaderProgram(GL gl, string vertexPath, IReadOnlyList<string> fragmentPaths, IEnumerable<string> uniforms)
    {
        ArgumentNullException.ThrowIfNull(gl);
        ArgumentNullException.ThrowIfNull(fragmentPaths);
        ArgumentNullException.ThrowIfNull(uniforms);
        this.gl = gl;
        var shaders = new List<uint> { Compile(ShaderType.VertexShader, vertexPath) };
        try
        {
            shaders.AddRange(fragmentPaths.Select(path => Compile(ShaderType.FragmentShader, path)));
            Handle = gl.CreateProgram();
            shaders.ForEach(shader => gl.AttachShader(Handle, shader));
            gl.LinkProgram(Handle);
            shaders.ForEach(shader => gl.DetachShader(Handle, shader));
        }
        finally
        {
            shaders.ForEach(gl.DeleteShader);
        }

        gl.GetProgram(Handle, ProgramPropertyARB.LinkStatus, out int linked);
        if (linked == 0)
        {
            string log = gl.GetProgramInfoLog(Handle);
            gl.DeleteProgram(Handle);
            throw new InvalidOperationException($"shaders {Path.GetFileName(vertexPath)} + {string.Join(" + ", fragmentPaths.Select(Path.GetFileName))} do not link: {log}");
        }

        foreach (string name in uniforms)
        {
            // -1 means the compiler removed an unused uniform; setting it is then a no-op, as GL specifies.
            locations[name] = gl.GetUniformLocation(Handle, name);
        }
    }

    /// <summary>The GL program name.</summary>
    public uint Handle { get; }

    /// <summary>Makes this the current program.</summary>
    public void Use() => gl.UseProgram(Handle);

    /// <summary>Sets an int (or sampler, or bool) uniform of the current program.</summary>
    public void Set(string name, int value) => gl.Uniform1(Location(name), value);

    /// <summary>Sets a float uniform of the current program.</summary>
    public void Set(string name, float value) => gl.Uniform1(Location(name), value);

    /// <summary>Sets a vec2 uniform of the current program.</summary>
    public void Set(string name, float x, float y) => gl.Uniform2(Location(name), x, y);

    /// <summary>Sets a vec3 uniform of the current program.</summary>
    public void Set(string name, float x, float y, float z) => gl.Uniform3(Location(name), x, y, z);

    /// <summary>Sets a vec4 uniform of the current program.</summary>
    public void Set(string name, float x, float y, float z, float w) => gl.Uniform4(Location(name), x, y, z, w);

    /// <summary>Sets a vec3 array uniform of the current program from consecutive triples.</summary>
    public void SetVec3Array(string name, ReadOnlySpan<float> values) => gl.Uniform3(Location(name), (uint)(values.Length / 3), values);

    private int Location(string name) => locations.TryGetValue(name, out int location)
        ? location
        : throw new ArgumentException($"uniform '{name}' was not declared when the program was built; declared: {string.Join(", ", locations.Keys)}", nameof(name));

    private uint Compile(ShaderType type, string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"shader file {path} is missing (the shaders/ folder is copied beside the program)", path);
        }

        uint shader = gl.CreateShader(type);
        gl.ShaderSource(shader, File.ReadAllText(path));
        gl.CompileShader(shader);
        gl.GetShader(shader, ShaderParameterName.CompileStatus, out int compiled);
        if (compiled == 0)
        {
            string log = gl.GetShaderInfoLog(shader);
            gl.DeleteShader(shader);
            throw new InvalidOperationException($"shader {Path.GetFileName(path)} does not compile: {log}");
        }

        return shader;
    }

    /// <inheritdoc/>
    public void Dispose() => gl.DeleteProgram(Handle);
}
