/** The error a promise rejects with; a test failure if it resolves. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function failure(p: Promise<unknown>): Promise<any> {
  return p.then(
    () => {
      throw new Error("expected a failure, but it succeeded");
    },
    (e) => e,
  );
}
