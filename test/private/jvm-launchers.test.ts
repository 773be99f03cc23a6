import { jvmRun } from '../../src/private/jvm-launchers';

describe('jvmRun', () => {
  test('java: -jar, source-file mode, agents, @argfiles, the class path its main class loads from', () => {
    expect(jvmRun('java', ['-Xmx1g', '-jar', 'app.jar', 'run'])).toEqual({ files: ['app.jar'], classPath: [], argFiles: [] });
    expect(jvmRun('java', ['Build.java', 'x'])).toEqual({ files: ['Build.java'], classPath: [], argFiles: [] });
    expect(jvmRun('java', ['--source', '17', 'Build'])).toEqual({ files: ['Build'], classPath: [], argFiles: [] });
    expect(jvmRun('java', ['-javaagent:/a/agent.jar=x', '@opts', 'Main'])).toEqual({ files: ['/a/agent.jar'], classPath: ['.'], argFiles: ['opts'] });
    expect(jvmRun('java', ['--class-path=a:', 'Main'])).toEqual({ files: [], classPath: ['a', '.'], argFiles: [] });
    expect(jvmRun('java', ['-p', 'mods', '-m', 'app/app.Main'])).toEqual({ files: [], classPath: ['mods'], argFiles: [] });
    expect(jvmRun('java', ['-version'])).toBeUndefined();
    expect(jvmRun('java', [])).toBeUndefined();
  });

  test('jshell: load and --startup files, not its predefined scripts; kotlin: a jar or script, else a class; kotlinc -script', () => {
    expect(jvmRun('jshell', ['--startup', 's.jsh', '--feedback', 'concise', 'DEFAULT', 'x.jsh'])).toEqual({ files: ['s.jsh', 'x.jsh'], classPath: [] });
    expect(jvmRun('jshell', ['--version'])).toBeUndefined();
    expect(jvmRun('kotlin', ['-cp', 'lib', 'x.main.kts'])).toEqual({ files: ['x.main.kts'], classPath: [] });
    expect(jvmRun('kotlin', ['-cp', 'lib', 'MainKt'])).toEqual({ files: [], classPath: ['lib'] });
    expect(jvmRun('kotlin', ['-e', 'println(1)'])).toBeUndefined();
    expect(jvmRun('kotlinc', ['-script', 'x.main.kts', 'a'])).toEqual({ files: ['x.main.kts'], classPath: [] });
    expect(jvmRun('kotlinc', ['Main.kt', '-d', 'out.jar'])).toBeUndefined();
  });
});
