import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { ContainerBuild, GitClone, ImageVerificationTask, SecureTask } from '../../src';
import { constructKindOf, registerConstructKind } from '../../src/private/construct-kinds';
import { step } from '../helpers/constructs';

const chart = () => new Chart(Testing.app(), 'test', { namespace: 'ci' });

describe('construct kinds', () => {
  test('the nearest registered class on the prototype chain names the construct, else the fallback', () => {
    class Base {}
    class Registered extends Base {}
    class Sub extends Registered {}
    registerConstructKind(Registered, 'Registered');
    expect(constructKindOf(Registered, 'Base')).toBe('Registered');
    expect(constructKindOf(Sub, 'Base')).toBe('Registered');
    expect(constructKindOf(Base, 'Base')).toBe('Base');
    expect(constructKindOf(undefined, 'Base')).toBe('Base');
  });

  test('a hardened task is refused as the class the user wrote; a platform team\'s subclass as the hardened task it extends', () => {
    expect(() => new ContainerBuild(chart(), 'build', { name: 'Bad_Name' })).toThrow(
      "ContainerBuild 'test/build': name \"Bad_Name\" is not a DNS-1123 label [VALID_NAME]. Use at most 63 lower-case letters, digits and \"-\", starting and ending with a letter or digit.",
    );
    class TeamClone extends GitClone {}
    expect(() => new TeamClone(chart(), 'clone', { name: 'Clone' })).toThrow(/^GitClone 'test\/clone': name "Clone" is not a DNS-1123 label/);
    expect(() => new ImageVerificationTask(chart(), 'verify', { name: '-verify', certificateIdentity: 'release@example.com', oidcIssuer: 'https://issuer.example.com' }))
      .toThrow(/^ImageVerificationTask 'test\/verify': name "-verify" is not a DNS-1123 label/);
    class OwnTask extends SecureTask {
      constructor(scope: Construct, id: string) {
        super(scope, id, { name: 'Own', steps: [step()] });
      }
    }
    expect(() => new OwnTask(chart(), 'own')).toThrow(/^SecureTask 'test\/own': name "Own" is not a DNS-1123 label/);
  });
});
