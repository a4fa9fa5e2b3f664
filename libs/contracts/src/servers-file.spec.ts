import { parseServerList, parseServersFile, ServersFileError } from './servers-file';

describe('parseServersFile', () => {
  it('reads members with comments, blank lines and tabs, sorted by id', () => {
    const text = '# the cluster\n3 127.0.0.1 3003\n\n1\tlocalhost\t3001  # first\n2 node-2.internal 3002\n';
    expect(parseServersFile(text)).toEqual([
      { id: 1, host: 'localhost', port: 3001 },
      { id: 2, host: 'node-2.internal', port: 3002 },
      { id: 3, host: '127.0.0.1', port: 3003 },
    ]);
  });

  it.each([
    ['1 localhost', 1, 'expected "id host port", got 2 field(s)'],
    ['x localhost 3000', 1, 'id "x" is not a positive integer'],
    ['0 localhost 3000', 1, 'id "0" is not a positive integer'],
    ['1 local_host 3000', 1, 'host "local_host" is not a host name or address'],
    ['1 localhost 70000', 1, 'port "70000" is not 1–65535'],
    ['1 localhost 3000\n1 localhost 3001', 2, 'id 1 is already used on line 1'],
    [
      '1 localhost 3000\n# c\n2 LOCALHOST 3000',
      3,
      'localhost 3000 is already listed on line 1'.replace('localhost', 'LOCALHOST'),
    ],
  ])('refuses %p at line %p', (text, line, reason) => {
    try {
      parseServersFile(text, 'servers.txt');
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(ServersFileError);
      expect(error).toMatchObject({ line, reason, message: `servers.txt, line ${line}: ${reason}` });
    }
  });

  it('refuses a file without servers', () => {
    expect(() => parseServersFile('# nothing\n\n')).toThrow('servers file: lists no servers');
  });
});

describe('parseServerList (CLUSTER_SERVERS)', () => {
  it('reads id=host:port entries, IPv6 in brackets, sorted by id', () => {
    expect(parseServerList(' 2=node-2:3002, 1=127.0.0.1:3001 ,3=[::1]:3003,')).toEqual([
      { id: 1, host: '127.0.0.1', port: 3001 },
      { id: 2, host: 'node-2', port: 3002 },
      { id: 3, host: '[::1]', port: 3003 },
    ]);
  });

  it.each([
    ['1=a:3001,2=b', 2, 'expected "id=host:port", got "2=b"'],
    ['1=a:3001,x=b:3002', 2, 'id "x" is not a positive integer'],
    ['1=a:3001,2=b:0', 2, 'port "0" is not 1–65535'],
    ['1=a:3001,1=b:3002', 2, 'id 1 is already used on entry 1'],
  ])('refuses %p at entry %p with the same rules as the file', (text, entry, reason) => {
    expect(() => parseServerList(text)).toThrow(`CLUSTER_SERVERS, entry ${entry}: ${reason}`);
  });

  it('refuses an empty list', () => {
    expect(() => parseServerList(' , ')).toThrow('CLUSTER_SERVERS: lists no servers');
  });
});
