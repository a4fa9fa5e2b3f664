import { parseEpochMessage } from './epoch-message';

describe('EpochMessage', () => {
  it('reads a well-formed payload', () => {
    expect(parseEpochMessage({ epoch: 3, primary: { host: '127.0.0.1', port: 3308 } })).toEqual({
      message: { epoch: 3, primary: { host: '127.0.0.1', port: 3308 } },
    });
  });

  it.each([
    [undefined, '(payload)'],
    [{}, 'epoch'],
    [{ epoch: '3', primary: { host: 'h', port: 3306 } }, 'epoch'],
    [{ epoch: 1.5, primary: { host: 'h', port: 3306 } }, 'epoch'],
    [{ epoch: 0, primary: { host: 'h', port: 3306 } }, 'epoch'],
    [{ epoch: 2 ** 53, primary: { host: 'h', port: 3306 } }, 'epoch'],
    [{ epoch: 2 }, 'primary'],
    [{ epoch: 2, primary: { host: '', port: 3306 } }, 'primary.host'],
    [{ epoch: 2, primary: { host: 'h', port: 70_000 } }, 'primary.port'],
    [{ epoch: 2, primary: { host: 'h', port: '3306' } }, 'primary.port'],
    [{ epoch: 2, primary: { host: 'h', port: 3306, user: 'root' } }, 'primary'],
    [{ epoch: 2, primary: { host: 'h', port: 3306 }, extra: true }, '(payload)'],
  ])('refuses %j, naming %s', (payload, field) => {
    const parsed = parseEpochMessage(payload);
    expect(parsed).toHaveProperty('error');
    expect((parsed as { error: string }).error).toContain(`${field}:`);
  });
});
